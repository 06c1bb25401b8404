import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";
import { users } from "./users.table";

/**
 * Road closures drawn by dispatchers or posted by integrations: a line along the closed road and
 * when it applies. Routing closes every road segment under the line, both directions.
 */
export const roadClosures = pgTable(
  "road_closures",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The person who drew it, null when an API key posted it. */
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    /** GeoJSON LineString coordinates, [lng, lat]. */
    coordinates: jsonb("coordinates").$type<[number, number][]>().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Null: until removed. */
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }),
    /** Road segments (directed) the closure matched when it was created. */
    edgesClosed: integer("edges_closed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("road_closures_time_idx").on(t.startsAt, t.endsAt)],
);
