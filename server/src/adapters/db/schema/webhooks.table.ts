import type { EventType } from "@waybill/shared";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";
import { outboxEvents } from "./outbox.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Where an organisation wants business events sent, which ones, and the key they are signed with. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    url: text("url").notNull(),
    description: text("description"),
    events: jsonb("events").$type<EventType[]>().notNull(),
    /** `whsec_...`: kept as is because every delivery is signed with it (never logged, shown once). */
    secret: text("secret").notNull(),
    /** The secret before the last rotation, still signed with until `previous_secret_expires_at`. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamptz("previous_secret_expires_at"),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamptz("disabled_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_subscriptions_org_idx").on(t.organisationId, t.createdAt)],
);

/**
 * One event to send to one subscription. `id` orders the deliveries of an order: a pending one
 * blocks the later ones of the same order and subscription. `next_attempt_at` is also the lease of
 * the dispatcher sending it, so a crashed instance's delivery is retried by another.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    eventSeq: bigint("event_seq", { mode: "number" })
      .notNull()
      .references(() => outboxEvents.seq),
    /** The ordering key (the event's order); null: the event is ordered with nothing. */
    orderId: text("order_id"),
    status: text("status").$type<"pending" | "succeeded" | "failed">().notNull().default("pending"),
    /** Attempts started so far. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index("webhook_deliveries_order_idx")
      .on(t.subscriptionId, t.orderId, t.id)
      .where(sql`status = 'pending'`),
  ],
);

/** The delivery log: every attempt, its answer and how long it took. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: bigint("delivery_id", { mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    outcome: text("outcome").$type<"succeeded" | "retrying" | "failed">().notNull(),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    attemptedAt: timestamptz("attempted_at").notNull(),
  },
  (t) => [index("webhook_delivery_attempts_subscription_idx").on(t.subscriptionId, t.id)],
);
