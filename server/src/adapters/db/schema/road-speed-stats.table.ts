import {
  bigint,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * Speeds the fleet drove, learned from live map matching: per directed road segment (named by the
 * OSM ids of its end nodes, stable across rebuilds of the graph) and hour of the day (UTC), the
 * number of traversals and the sum of their speeds. Every instance adds to the rows (never
 * overwrites), so the counts are the whole cluster's.
 */
export const roadSpeedStats = pgTable(
  "road_speed_stats",
  {
    fromOsmNodeId: bigint("from_osm_node_id", { mode: "number" }).notNull(),
    toOsmNodeId: bigint("to_osm_node_id", { mode: "number" }).notNull(),
    /** 0..23, UTC. */
    hour: smallint("hour").notNull(),
    sampleCount: integer("sample_count").notNull(),
    /** Sum of the traversals' speeds, km/h (mean = sum / count). */
    sumSpeedKmh: doublePrecision("sum_speed_kmh").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromOsmNodeId, t.toOsmNodeId, t.hour] })],
);
