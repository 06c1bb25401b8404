import { boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";

/** Per organisation: whether, and within which limits, triggered proposals are applied without review. */
export const contingencyPolicies = pgTable("contingency_policies", {
  organisationId: text("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  autoApply: boolean("auto_apply").notNull(),
  maxMovedStops: integer("max_moved_stops").notNull(),
  maxExtraDistanceM: integer("max_extra_distance_m").notNull(),
  maxExtraDurationS: integer("max_extra_duration_s").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});
