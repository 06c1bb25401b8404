import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Db } from "../adapters/db/database";
import { WebhookRepository } from "../adapters/db/repositories/webhook.repository";
import { WebhookDeliveryRepository } from "../adapters/db/repositories/webhook-delivery.repository";
import { webhookDeliveriesCounter } from "../adapters/webhooks/webhook-metrics";
import { createWebhookSender } from "../adapters/webhooks/webhook-sender";
import { WebhookService } from "./webhook.service";
import { WebhookDispatcher } from "./webhook-dispatcher";

/** Longest wait for a webhook receiver's answer, milliseconds. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Webhooks: the API's service and the dispatcher that delivers from the outbox. */
export interface WebhookModule {
  readonly service: WebhookService;
  readonly dispatcher: WebhookDispatcher;
}

/**
 * Builds the webhook service and dispatcher. Start the dispatcher once the server runs and stop
 * it before the database closes.
 *
 * @example
 * const webhooks = createWebhookModule(db, { allowPrivateTargets: false, registry, log });
 * webhooks.dispatcher.start();
 */
export function createWebhookModule(
  db: Db,
  options: { allowPrivateTargets: boolean; registry: Registry; log: Logger },
): WebhookModule {
  const send = createWebhookSender({
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    allowPrivateTargets: options.allowPrivateTargets,
  });
  return {
    service: new WebhookService(new WebhookRepository(db), options.allowPrivateTargets),
    dispatcher: new WebhookDispatcher(
      new WebhookDeliveryRepository(db),
      send,
      webhookDeliveriesCounter(options.registry),
      options.log,
    ),
  };
}
