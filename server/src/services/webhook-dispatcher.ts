import type { WebhookPayload } from "@waybill/shared";
import type { Logger } from "pino";
import type { Counter } from "prom-client";
import type {
  ClaimedDelivery,
  WebhookDeliveryRepository,
} from "../adapters/db/repositories/webhook-delivery.repository";
import type { WebhookSender } from "../adapters/webhooks/webhook-sender";
import { webhookHeaders } from "../adapters/webhooks/webhook-signature";
import { PollingLoop, settleAll } from "./polling-loop";
import type { RetryPolicy } from "./retry-policy";
import { describeAnswer, resolveAttempt } from "./webhook-delivery-outcome";

/** Settings of the {@link WebhookDispatcher}; tests shrink the times to milliseconds. */
export interface WebhookDispatcherOptions extends RetryPolicy {
  /** Pause between rounds when there is nothing to do, milliseconds. */
  readonly pollIntervalMs: number;
  /** Outbox events fanned out, and deliveries claimed, per round. */
  readonly batchSize: number;
  /** How long a claimed delivery is left to its dispatcher before another may retry it, ms. */
  readonly leaseMs: number;
  readonly now: () => Date;
}

/**
 * Waits before each retry of a webhook delivery, milliseconds: quick at first, then every 3 hours,
 * 24 h 42 min in all (15 attempts). A receiver down for a day still gets everything.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 3_600_000,
  ...Array.from({ length: 7 }, () => 3 * 3_600_000),
];

/** Production settings: 10 s request timeout, so a 60 s lease. */
const DEFAULT_WEBHOOK_DISPATCH: WebhookDispatcherOptions = {
  pollIntervalMs: 1000,
  batchSize: 50,
  leaseMs: 60_000,
  retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
  random: Math.random,
  now: () => new Date(),
};

/**
 * Delivers business events to webhook subscriptions from the durable outbox: fans new events out
 * to the subscriptions that want them, then sends each due delivery, signed, retrying with backoff
 * and in order per order and subscription. All state is in the database, so it survives restarts
 * and several instances can run it at once.
 */
export class WebhookDispatcher {
  private readonly loop: PollingLoop;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly send: WebhookSender,
    private readonly outcomes: Counter<"outcome">,
    private readonly log: Logger,
    private readonly options: WebhookDispatcherOptions = DEFAULT_WEBHOOK_DISPATCH,
  ) {
    this.loop = new PollingLoop(
      () => this.runOnce(),
      options.pollIntervalMs,
      (error) => log.error({ err: error }, "webhook dispatch round failed; trying again"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops after the round under way (requests in flight end or time out). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: fan out new events, then one attempt per claimed delivery. True if more may be due. */
  async runOnce(): Promise<boolean> {
    const { batchSize, leaseMs, now } = this.options;
    const fannedOut = await this.deliveries.fanOut(batchSize, now());
    const claimed = await this.deliveries.claimDue(batchSize, now(), leaseMs);
    await settleAll(claimed.map((delivery) => this.attempt(delivery)));
    return fannedOut === batchSize || claimed.length > 0;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const attemptedAt = this.options.now();
    const payload: WebhookPayload = {
      type: delivery.event.type,
      timestamp: delivery.event.occurredAt.toISOString(),
      data: delivery.event.data,
    };
    const body = JSON.stringify(payload);
    const headers = webhookHeaders(signingSecrets(delivery.subscription, attemptedAt), {
      id: delivery.event.id,
      timestampSeconds: Math.floor(attemptedAt.getTime() / 1000),
      body,
    });
    const answer = await this.send({ url: delivery.subscription.url, headers, body });
    const resolution = resolveAttempt(answer, delivery.attempt, this.options, this.options.now());
    await this.deliveries.record(delivery, { ...answer, attemptedAt }, resolution);
    this.outcomes.inc({ outcome: resolution.outcome });
    if (resolution.outcome === "failed")
      this.log.warn(
        {
          subscriptionId: delivery.subscription.id,
          organisationId: delivery.subscription.organisationId,
          eventId: delivery.event.id,
          reason: resolution.disableReason,
        },
        "webhook subscription disabled",
      );
    else if (resolution.outcome === "retrying")
      this.log.debug(
        {
          subscriptionId: delivery.subscription.id,
          eventId: delivery.event.id,
          answer: describeAnswer(answer),
        },
        "webhook delivery failed; retrying",
      );
  }
}

/** The secrets a delivery is signed with: the current one, and the previous one while still valid. */
function signingSecrets(subscription: ClaimedDelivery["subscription"], now: Date): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = subscription;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now
    ? [secret, previousSecret]
    : [secret];
}
