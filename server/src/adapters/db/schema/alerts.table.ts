import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Delays and exceptions the tracking rules raised, for dispatchers: raised once, cleared when the
 * condition ends, acknowledged by a person. `key` identifies the condition (rule + subject), so a
 * rule never raises the same open alert twice: one open alert per key, enforced by a unique index
 * (two instances raising it at once insert one).
 */
export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    vehicleId: text("vehicle_id"),
    orderId: text("order_id"),
    stopId: text("stop_id"),
    detail: text("detail").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    raisedAt: timestamptz("raised_at").notNull(),
    clearedAt: timestamptz("cleared_at"),
    acknowledgedAt: timestamptz("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
  },
  (t) => [
    index("alerts_org_open_idx").on(t.organisationId, t.clearedAt),
    index("alerts_key_idx").on(t.key),
    uniqueIndex("alerts_open_key_uq").on(t.organisationId, t.key).where(sql`cleared_at is null`),
  ],
);
