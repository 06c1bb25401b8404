import type { Logger } from "pino";
import type { Counter } from "prom-client";
import type {
  ClaimedNotification,
  NotificationRepository,
} from "../adapters/db/repositories/notification.repository";
import type { NotificationChannel } from "../domain/notifications/notification-message";
import type { NotificationPlanner } from "./notification-planner";
import { PollingLoop, settleAll } from "./polling-loop";
import { type RetryPolicy, retryDelayMs } from "./retry-policy";

/** Settings of the {@link NotificationDispatcher}; tests shrink the times to milliseconds. */
export interface NotificationDispatcherOptions extends RetryPolicy {
  /** Pause between rounds when there is nothing to do, milliseconds. */
  readonly pollIntervalMs: number;
  /** Outbox events planned, and notifications claimed, per round. */
  readonly batchSize: number;
  /** How long a claimed notification is left to its dispatcher before another may retry it, ms. */
  readonly leaseMs: number;
  readonly now: () => Date;
}

/** Production settings: retried after 30 s, 2 min, 10 min and 30 min, then given up. */
const DEFAULT_NOTIFICATION_DISPATCH: NotificationDispatcherOptions = {
  pollIntervalMs: 1000,
  batchSize: 50,
  leaseMs: 120_000,
  retryDelaysMs: [30_000, 120_000, 600_000, 1_800_000],
  random: Math.random,
  now: () => new Date(),
};

/**
 * Customer notifications from the durable outbox: plans each new event into queued (or skipped)
 * notifications, then sends the due ones through their channel, retrying a few times. All state
 * is in the database, so it survives restarts and several instances can run it at once.
 */
export class NotificationDispatcher {
  private readonly loop: PollingLoop;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly planner: NotificationPlanner,
    private readonly channels: readonly NotificationChannel[],
    private readonly outcomes: Counter<"channel" | "outcome">,
    private readonly log: Logger,
    private readonly options: NotificationDispatcherOptions = DEFAULT_NOTIFICATION_DISPATCH,
  ) {
    this.loop = new PollingLoop(
      () => this.runOnce(),
      options.pollIntervalMs,
      (error) => log.error({ err: error }, "notification round failed; trying again"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops after the round under way. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: plan new events, then one attempt per claimed notification. True if more may be due. */
  async runOnce(): Promise<boolean> {
    const { batchSize, leaseMs, now } = this.options;
    const planned = await this.notifications.planFromOutbox(batchSize, (event, store) =>
      this.planner.plan(event, store, now()),
    );
    const claimed = await this.notifications.claimDue(batchSize, now(), leaseMs);
    await settleAll(claimed.map((notification) => this.send(notification)));
    return planned === batchSize || claimed.length > 0;
  }

  private async send(notification: ClaimedNotification): Promise<void> {
    const channel = this.channels.find((candidate) => candidate.name === notification.channel);
    if (!channel) return this.failed(notification, `the ${notification.channel} channel is not set up`);
    try {
      await channel.send(notification);
    } catch (error) {
      return this.failed(notification, error instanceof Error ? error.message : String(error));
    }
    await this.notifications.markSent(notification.id, this.options.now());
    this.outcomes.inc({ channel: notification.channel, outcome: "sent" });
  }

  private async failed(notification: ClaimedNotification, reason: string): Promise<void> {
    const now = this.options.now();
    const waitMs = retryDelayMs(this.options, notification.attempt);
    const outcome = waitMs === null ? "failed" : "retrying";
    if (waitMs === null) await this.notifications.markFailed(notification.id, now, reason);
    else await this.notifications.markRetry(notification.id, now, new Date(now.getTime() + waitMs), reason);
    this.outcomes.inc({ channel: notification.channel, outcome });
    this.log.warn(
      {
        notificationId: notification.id,
        channel: notification.channel,
        attempt: notification.attempt,
        reason,
      },
      outcome === "failed"
        ? "customer notification failed; given up"
        : "customer notification failed; retrying",
    );
  }
}
