import { index, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";
import { users } from "./users.table";

/**
 * Road closures and slowdowns drawn by dispatchers or posted by integrations: a line along the road
 * and when it applies. Routing closes (or slows) every road segment under the line, both directions.
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
    /** Null: the road is closed. A factor in (0, 1]: a slowdown, speeds multiplied by it. */
    speedFactor: real("speed_factor"),
    /** Road segments (directed) the closure matched when it was created. */
    edgesClosed: integer("edges_closed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("road_closures_time_idx").on(t.startsAt, t.endsAt)],
);
