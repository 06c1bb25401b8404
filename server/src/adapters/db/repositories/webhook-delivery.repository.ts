import type { EventType } from "@waybill/shared";
import { and, asc, eq, inArray, lt, lte, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../database";
import { outboxEvents, webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "../schema";
import { takeOutboxEvents } from "./outbox-consumer.repository";

/** The outbox consumer name of webhook fan-out. */
const CONSUMER = "webhooks";

/** A delivery claimed for one attempt, with what it takes to send it. */
export interface ClaimedDelivery {
  readonly id: number;
  /** The number of this attempt, 1-based. */
  readonly attempt: number;
  readonly subscription: {
    readonly id: string;
    readonly organisationId: string;
    readonly url: string;
    readonly secret: string;
    readonly previousSecret: string | null;
    readonly previousSecretExpiresAt: Date | null;
  };
  readonly event: {
    readonly id: string;
    readonly type: EventType;
    readonly occurredAt: Date;
    readonly data: Readonly<Record<string, unknown>>;
  };
}

/** One attempt as the delivery log keeps it. */
export interface AttemptRecord {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly attemptedAt: Date;
}

/** What becomes of a delivery after an attempt. */
export type DeliveryResolution =
  | { readonly outcome: "succeeded" }
  | { readonly outcome: "retrying"; readonly nextAttemptAt: Date }
  | { readonly outcome: "failed"; readonly disableReason: string };

/** The webhook dispatcher's storage: fan-out from the outbox, claiming due deliveries, the log. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes up to `limit` new outbox events and queues one delivery per enabled subscription that
   * wants its type, in one transaction. Returns the number of events taken.
   */
  async fanOut(limit: number, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const events = await takeOutboxEvents(tx, CONSUMER, limit);
      if (events.length === 0) return 0;
      const subscriptions = await tx
        .select({
          id: webhookSubscriptions.id,
          organisationId: webhookSubscriptions.organisationId,
          events: webhookSubscriptions.events,
        })
        .from(webhookSubscriptions)
        .where(
          and(
            inArray(webhookSubscriptions.organisationId, [...new Set(events.map((e) => e.organisationId))]),
            eq(webhookSubscriptions.enabled, true),
          ),
        );
      const deliveries = events.flatMap((event) =>
        subscriptions
          .filter((s) => s.organisationId === event.organisationId && s.events.includes(event.type))
          .map((s) => ({
            subscriptionId: s.id,
            eventSeq: event.seq,
            orderId: event.orderId,
            nextAttemptAt: now,
            createdAt: now,
          })),
      );
      if (deliveries.length > 0) await tx.insert(webhookDeliveries).values(deliveries);
      return events.length;
    });
  }

  /**
   * Claims up to `limit` due deliveries of enabled subscriptions for one attempt each: the oldest
   * pending delivery of each order and subscription only, so events of an order arrive in order.
   * A claim counts the attempt and pushes `next_attempt_at` out by `leaseMs`: if this process dies
   * while sending, another retries it then. Safe with several dispatchers (SKIP LOCKED).
   */
  async claimDue(limit: number, now: Date, leaseMs: number): Promise<ClaimedDelivery[]> {
    const d = webhookDeliveries;
    const s = webhookSubscriptions;
    const earlier = alias(webhookDeliveries, "earlier");
    const due = this.db
      .select({ id: d.id })
      .from(d)
      .innerJoin(s, eq(s.id, d.subscriptionId))
      .where(
        and(
          eq(d.status, "pending"),
          lte(d.nextAttemptAt, now),
          eq(s.enabled, true),
          notExists(
            this.db
              .select({ id: earlier.id })
              .from(earlier)
              .where(
                and(
                  eq(earlier.subscriptionId, d.subscriptionId),
                  eq(earlier.orderId, d.orderId),
                  eq(earlier.status, "pending"),
                  lt(earlier.id, d.id),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(d.id))
      .limit(limit)
      .for("update", { of: d, skipLocked: true });
    const claimed = await this.db
      .update(d)
      .set({ attempts: sql`${d.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(d.id, due))
      .returning({ id: d.id, attempt: d.attempts });
    if (claimed.length === 0) return [];
    const rows = await this.db
      .select({ delivery: { id: d.id }, subscription: s, event: outboxEvents })
      .from(d)
      .innerJoin(s, eq(s.id, d.subscriptionId))
      .innerJoin(outboxEvents, eq(outboxEvents.seq, d.eventSeq))
      .where(
        inArray(
          d.id,
          claimed.map((c) => c.id),
        ),
      )
      .orderBy(asc(d.id));
    const attempts = new Map(claimed.map((c) => [c.id, c.attempt]));
    return rows.map(({ delivery, subscription, event }) => ({
      id: delivery.id,
      attempt: attempts.get(delivery.id)!,
      subscription,
      event,
    }));
  }

  /**
   * Logs an attempt and resolves its delivery; a failed delivery disables its subscription with
   * the reason. Nothing happens when the subscription was deleted meanwhile.
   */
  async record(
    delivery: ClaimedDelivery,
    attempt: AttemptRecord,
    resolution: DeliveryResolution,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(webhookDeliveries)
        .set(
          resolution.outcome === "retrying"
            ? { nextAttemptAt: resolution.nextAttemptAt }
            : { status: resolution.outcome, completedAt: attempt.attemptedAt },
        )
        .where(eq(webhookDeliveries.id, delivery.id))
        .returning({ id: webhookDeliveries.id });
      if (!updated) return;
      await tx.insert(webhookDeliveryAttempts).values({
        deliveryId: delivery.id,
        subscriptionId: delivery.subscription.id,
        attempt: delivery.attempt,
        outcome: resolution.outcome,
        ...attempt,
      });
      if (resolution.outcome === "failed")
        await tx
          .update(webhookSubscriptions)
          .set({
            enabled: false,
            disabledReason: resolution.disableReason,
            disabledAt: attempt.attemptedAt,
            updatedAt: attempt.attemptedAt,
          })
          .where(
            and(
              eq(webhookSubscriptions.id, delivery.subscription.id),
              eq(webhookSubscriptions.enabled, true),
            ),
          );
    });
  }
}
