import type { EventActor, EventType } from "@waybill/shared";
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The durable outbox of business events: written in the same transaction as the change that caused
 * the event, read by the webhook and notification dispatchers. `seq` orders events in commit order.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull().unique(),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id"),
    type: text("type").$type<EventType>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    actor: jsonb("actor").$type<EventActor>().notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("outbox_events_org_seq_idx").on(t.organisationId, t.seq)],
);
