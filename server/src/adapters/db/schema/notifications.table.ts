import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type {
  NotificationFacts,
  NotificationTemplate,
} from "../../../domain/notifications/notification-message";
import { orders } from "./orders.table";
import { organisations } from "./organisations.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Customer notifications: the queue of messages to send and the log of what was sent, skipped
 * (and why) or failed. `(order_id, channel, dedupe_key)` is unique, so nothing is told twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    /** Planning order (outbox order): a customer reads an order's messages in this order. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** The outbox event that caused it. */
    eventId: text("event_id").notNull(),
    template: text("template").$type<NotificationTemplate>().notNull(),
    channel: text("channel").notNull(),
    /** Address in the channel's terms (an email address); null when the customer gave none. */
    recipient: text("recipient"),
    /** What the message is about (`delivered`, `eta_changed#<eta>`): the same thing is told once. */
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status").$type<"queued" | "sent" | "skipped" | "failed">().notNull(),
    /** Why it was skipped or failed. */
    reason: text("reason"),
    /** What the template needs (names, times, links), fixed when the notification is queued. */
    facts: jsonb("facts").$type<NotificationFacts>().notNull(),
    /** The arrival time this message tells the customer, if it tells one. */
    toldEtaAt: timestamptz("told_eta_at"),
    attempts: integer("attempts").notNull().default(0),
    /** When a queued notification is (re)tried; also the sender's lease while it sends. */
    nextAttemptAt: timestamptz("next_attempt_at"),
    createdAt: timestamptz("created_at").notNull(),
    updatedAt: timestamptz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.orderId, t.channel, t.dedupeKey),
    index("notifications_order_idx").on(t.orderId, t.seq),
    index("notifications_due_idx").on(t.nextAttemptAt).where(sql`status = 'queued'`),
  ],
);

/** Customers who asked for no notifications from an organisation (email lowercased). */
export const notificationOptOuts = pgTable(
  "notification_opt_outs",
  {
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.email] })],
);
