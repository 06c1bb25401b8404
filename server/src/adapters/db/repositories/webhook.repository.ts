import type { EventType } from "@waybill/shared";
import { and, asc, count, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../database";
import { outboxEvents, webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "../schema";

/** A stored webhook subscription. */
export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;

/** One entry of the delivery log, with the event it was about. */
export interface DeliveryAttemptRecord {
  readonly id: number;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly orderId: string | null;
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly outcome: "succeeded" | "retrying" | "failed";
  readonly error: string | null;
  readonly durationMs: number;
  readonly attemptedAt: Date;
}

/** Which events a replay sends again. */
export interface ReplaySelection {
  readonly types: readonly EventType[];
  readonly since?: Date;
  readonly eventIds?: readonly string[];
  /** Most events one replay may select. */
  readonly limit: number;
}

/** Webhook subscriptions of each organisation, their delivery log and replays. */
export class WebhookRepository {
  constructor(private readonly db: Db) {}

  async count(organisationId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.organisationId, organisationId));
    return row?.n ?? 0;
  }

  async create(row: typeof webhookSubscriptions.$inferInsert): Promise<WebhookSubscriptionRow> {
    const [created] = await this.db.insert(webhookSubscriptions).values(row).returning();
    return created!;
  }

  async list(organisationId: string): Promise<WebhookSubscriptionRow[]> {
    return this.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.organisationId, organisationId))
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  }

  async get(organisationId: string, id: string): Promise<WebhookSubscriptionRow | null> {
    const [row] = await this.db.select().from(webhookSubscriptions).where(this.owned(organisationId, id));
    return row ?? null;
  }

  /**
   * Changes a subscription; re-enabling it also makes its pending deliveries due now. Null when the
   * organisation has no subscription with that id.
   */
  async update(
    organisationId: string,
    id: string,
    changes: Partial<typeof webhookSubscriptions.$inferInsert> & { updatedAt: Date },
  ): Promise<WebhookSubscriptionRow | null> {
    return this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(webhookSubscriptions)
        .set(changes)
        .where(this.owned(organisationId, id))
        .returning();
      if (updated && changes.enabled === true)
        await tx
          .update(webhookDeliveries)
          .set({ nextAttemptAt: changes.updatedAt })
          .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, "pending")));
      return updated ?? null;
    });
  }

  /** Deletes a subscription with its deliveries and log; false when there is none. */
  async delete(organisationId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(webhookSubscriptions)
      .where(this.owned(organisationId, id))
      .returning({ id: webhookSubscriptions.id });
    return rows.length > 0;
  }

  /** The delivery log of a subscription, newest first, from before the attempt `beforeId`. */
  async attempts(subscriptionId: string, limit: number, beforeId?: number): Promise<DeliveryAttemptRecord[]> {
    const a = webhookDeliveryAttempts;
    const conditions: SQL[] = [eq(a.subscriptionId, subscriptionId)];
    if (beforeId !== undefined) conditions.push(lt(a.id, beforeId));
    return this.db
      .select({
        id: a.id,
        eventId: outboxEvents.id,
        eventType: outboxEvents.type,
        orderId: outboxEvents.orderId,
        attempt: a.attempt,
        statusCode: a.statusCode,
        outcome: a.outcome,
        error: a.error,
        durationMs: a.durationMs,
        attemptedAt: a.attemptedAt,
      })
      .from(a)
      .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, a.deliveryId))
      .innerJoin(outboxEvents, eq(outboxEvents.seq, webhookDeliveries.eventSeq))
      .where(and(...conditions))
      .orderBy(desc(a.id))
      .limit(limit);
  }

  /**
   * The organisation's events a replay selects, oldest first: of the subscribed types, since the
   * time and among the ids given. At most `limit + 1`, so the caller can tell there were too many.
   */
  async replayable(
    organisationId: string,
    selection: ReplaySelection,
  ): Promise<{ seq: number; id: string; orderId: string | null }[]> {
    const e = outboxEvents;
    const conditions: SQL[] = [eq(e.organisationId, organisationId), inArray(e.type, [...selection.types])];
    if (selection.since) conditions.push(gte(e.occurredAt, selection.since));
    if (selection.eventIds) conditions.push(inArray(e.id, [...selection.eventIds]));
    return this.db
      .select({ seq: e.seq, id: e.id, orderId: e.orderId })
      .from(e)
      .where(and(...conditions))
      .orderBy(asc(e.seq))
      .limit(selection.limit + 1);
  }

  /** Queues events for one subscription again, in the given order, behind what is pending. */
  async queue(
    subscriptionId: string,
    events: readonly { seq: number; orderId: string | null }[],
    now: Date,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.db.insert(webhookDeliveries).values(
      events.map((event) => ({
        subscriptionId,
        eventSeq: event.seq,
        orderId: event.orderId,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  }

  private owned(organisationId: string, id: string) {
    return and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.organisationId, organisationId));
  }
}
