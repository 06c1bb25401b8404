import { and, asc, desc, eq, inArray, isNotNull, lt, lte, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { EtaHistory } from "../../../domain/notifications/eta-rule";
import {
  ETA_NOTICE_TEMPLATES,
  type NotificationFacts,
  type NotificationTemplate,
} from "../../../domain/notifications/notification-message";
import { newId } from "../../crypto/secrets";
import type { Db, DbTransaction } from "../database";
import { notificationOptOuts, notifications } from "../schema";
import { type OutboxEvent, takeOutboxEvents } from "./outbox-consumer.repository";

/** The outbox consumer name of customer notifications. */
const CONSUMER = "notifications";

/** One entry of an order's notification log, as dispatchers see it. */
export interface NotificationLogEntry {
  readonly id: string;
  readonly template: NotificationTemplate;
  readonly channel: string;
  readonly recipient: string | null;
  readonly status: "queued" | "sent" | "skipped" | "failed";
  /** Why it was skipped or failed (or the last error of a queued one being retried). */
  readonly reason: string | null;
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A new notification, queued to send or logged as skipped. */
export interface NewNotification {
  readonly organisationId: string;
  readonly orderId: string;
  readonly eventId: string;
  readonly template: NotificationTemplate;
  readonly channel: string;
  readonly recipient: string | null;
  readonly dedupeKey: string;
  readonly status: "queued" | "skipped";
  readonly reason: string | null;
  readonly facts: NotificationFacts;
  readonly toldEtaAt: Date | null;
  readonly at: Date;
}

/** A queued notification claimed for one attempt. */
export interface ClaimedNotification {
  readonly id: string;
  readonly channel: string;
  readonly template: NotificationTemplate;
  readonly recipient: string;
  readonly facts: NotificationFacts;
  /** The number of this attempt, 1-based. */
  readonly attempt: number;
}

/** What the notification planner reads and writes inside the transaction that takes its events. */
export interface NotificationPlanStore {
  etaHistory(orderId: string, channel: string): Promise<EtaHistory>;
  isOptedOut(organisationId: string, email: string): Promise<boolean>;
  /** Stores it unless the order already has that news on that channel (same dedupe key). */
  insert(notification: NewNotification): Promise<void>;
}

/** Customer notifications: planning from the outbox, the send queue, the log, opt-outs. */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes up to `limit` new outbox events in one transaction and lets `plan` decide on each, in
   * order, storing its notifications in the same transaction. Returns the number of events taken.
   */
  async planFromOutbox(
    limit: number,
    plan: (event: OutboxEvent, store: NotificationPlanStore) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const events = await takeOutboxEvents(tx, CONSUMER, limit);
      const store = planStore(tx);
      for (const event of events) await plan(event, store);
      return events.length;
    });
  }

  /**
   * Claims up to `limit` due queued notifications, the oldest of each order and channel only (so
   * a customer reads them in order), pushing `next_attempt_at` out by `leaseMs` while sending.
   */
  async claimDue(limit: number, now: Date, leaseMs: number): Promise<ClaimedNotification[]> {
    const n = notifications;
    const earlier = alias(notifications, "earlier");
    const due = this.db
      .select({ id: n.id })
      .from(n)
      .where(
        and(
          eq(n.status, "queued"),
          lte(n.nextAttemptAt, now),
          notExists(
            this.db
              .select({ id: earlier.id })
              .from(earlier)
              .where(
                and(
                  eq(earlier.orderId, n.orderId),
                  eq(earlier.channel, n.channel),
                  eq(earlier.status, "queued"),
                  lt(earlier.seq, n.seq),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(n.seq))
      .limit(limit)
      .for("update", { skipLocked: true });
    const rows = await this.db
      .update(n)
      .set({ attempts: sql`${n.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(n.id, due))
      .returning();
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      template: row.template,
      recipient: row.recipient!,
      facts: row.facts,
      attempt: row.attempts,
    }));
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.db
      .update(notifications)
      .set({ status: "sent", reason: null, nextAttemptAt: null, updatedAt: at })
      .where(eq(notifications.id, id));
  }

  /** Keeps it queued for another attempt at `nextAttemptAt`, noting the error. */
  async markRetry(id: string, at: Date, nextAttemptAt: Date, reason: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ reason, nextAttemptAt, updatedAt: at })
      .where(eq(notifications.id, id));
  }

  async markFailed(id: string, at: Date, reason: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ status: "failed", reason, nextAttemptAt: null, updatedAt: at })
      .where(eq(notifications.id, id));
  }

  /** What was sent, skipped or failed for an order, oldest first: for the order's detail. */
  async listNotifications(orderId: string): Promise<NotificationLogEntry[]> {
    const rows = await this.db
      .select()
      .from(notifications)
      .where(eq(notifications.orderId, orderId))
      .orderBy(asc(notifications.seq));
    return rows.map((row) => ({
      id: row.id,
      template: row.template,
      channel: row.channel,
      recipient: row.recipient,
      status: row.status,
      reason: row.reason,
      attempts: row.attempts,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  /** Records that a customer wants no more notifications from the organisation. */
  async optOut(organisationId: string, email: string): Promise<void> {
    await this.db
      .insert(notificationOptOuts)
      .values({ organisationId, email: email.toLowerCase() })
      .onConflictDoNothing();
  }

  async isOptedOut(organisationId: string, email: string): Promise<boolean> {
    return planStore(this.db).isOptedOut(organisationId, email);
  }
}

function planStore(executor: Db | DbTransaction): NotificationPlanStore {
  return {
    etaHistory: async (orderId, channel) => {
      const told = and(
        eq(notifications.orderId, orderId),
        eq(notifications.channel, channel),
        inArray(notifications.status, ["queued", "sent"]),
      );
      const [lastTold] = await executor
        .select({ at: notifications.toldEtaAt })
        .from(notifications)
        .where(and(told, isNotNull(notifications.toldEtaAt)))
        .orderBy(desc(notifications.seq))
        .limit(1);
      const [lastNotice] = await executor
        .select({ at: notifications.createdAt })
        .from(notifications)
        .where(and(told, inArray(notifications.template, [...ETA_NOTICE_TEMPLATES])))
        .orderBy(desc(notifications.seq))
        .limit(1);
      return {
        toldEtaAt: lastTold?.at?.getTime() ?? null,
        lastEtaNoticeAt: lastNotice?.at.getTime() ?? null,
      };
    },
    isOptedOut: async (organisationId, email) => {
      const rows = await executor
        .select({ email: notificationOptOuts.email })
        .from(notificationOptOuts)
        .where(
          and(
            eq(notificationOptOuts.organisationId, organisationId),
            eq(notificationOptOuts.email, email.toLowerCase()),
          ),
        );
      return rows.length > 0;
    },
    insert: async ({ at, ...notification }) => {
      await executor
        .insert(notifications)
        .values({
          ...notification,
          id: newId("ntf"),
          nextAttemptAt: notification.status === "queued" ? at : null,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing();
    },
  };
}
