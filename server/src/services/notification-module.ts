import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Db } from "../adapters/db/database";
import { NotificationRepository } from "../adapters/db/repositories/notification.repository";
import { loadSigningKey } from "../adapters/db/repositories/signing-keys.repository";
import { notificationsCounter } from "../adapters/mail/notification-metrics";
import { SmtpEmailChannel } from "../adapters/mail/smtp-email.channel";
import { NotificationDispatcher } from "./notification-dispatcher";
import { NotificationPlanner } from "./notification-planner";
import { UnsubscribeService } from "./notification-unsubscribe";

/** At most one ETA notification per order in this long, minutes: no flood however often ETAs move. */
const ETA_NOTICE_MIN_INTERVAL_MINUTES = 30;

/** Settings of customer notifications, from configuration. */
export interface NotificationSettings {
  /** SMTP_URL; empty: emails are logged as skipped. */
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly etaThresholdMinutes: number;
  /** Where customers reach this server (unsubscribe links); known once it listens. */
  readonly publicUrl: () => string;
  readonly registry: Registry;
  readonly log: Logger;
}

/** Customer notifications: the unsubscribe endpoints' service, the dispatcher, and how to close. */
export interface NotificationModule {
  readonly unsubscribe: UnsubscribeService;
  readonly dispatcher: NotificationDispatcher;
  /** Closes the SMTP connections (after the dispatcher stopped). */
  close(): void;
}

/**
 * Builds customer notifications over email. Start the dispatcher once the server runs; stop it,
 * then close, before the database closes.
 *
 * @example
 * const notifications = await createNotificationModule(db, settings);
 * notifications.dispatcher.start();
 */
export async function createNotificationModule(
  db: Db,
  settings: NotificationSettings,
): Promise<NotificationModule> {
  const repository = new NotificationRepository(db);
  const unsubscribe = new UnsubscribeService(
    repository,
    await loadSigningKey(db, "unsubscribe"),
    settings.publicUrl,
  );
  const email = new SmtpEmailChannel(settings.smtpUrl, settings.mailFrom);
  const channels = [email];
  const planner = new NotificationPlanner(channels, unsubscribe, {
    thresholdMinutes: settings.etaThresholdMinutes,
    minIntervalMinutes: ETA_NOTICE_MIN_INTERVAL_MINUTES,
  });
  const dispatcher = new NotificationDispatcher(
    repository,
    planner,
    channels,
    notificationsCounter(settings.registry),
    settings.log,
  );
  return { unsubscribe, dispatcher, close: () => email.close() };
}
