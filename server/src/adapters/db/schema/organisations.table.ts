import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Tenants. Every other row belongs to one. The operator organisation is created at first start. */
export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The organisation that runs this installation; its admins see telemetry from unknown devices. */
  isOperator: boolean("is_operator").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
