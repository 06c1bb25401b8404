import { doublePrecision, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";
import { users } from "./users.table";
import { vehicles } from "./vehicles.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A driver's shift on a vehicle: from its start the driver's phone reports positions as a device
 * of that vehicle. At most one open shift per driver (ended_at null).
 */
export const driverShifts = pgTable(
  "driver_shifts",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    driverId: text("driver_id")
      .notNull()
      .references(() => users.id),
    vehicleId: text("vehicle_id")
      .notNull()
      .references(() => vehicles.id),
    startedAt: timestamptz("started_at").notNull(),
    endedAt: timestamptz("ended_at"),
  },
  (t) => [index("driver_shifts_driver_idx").on(t.driverId, t.startedAt)],
);

/** Incidents drivers (or dispatchers) report: breakdowns, accidents, blocked roads. */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").$type<"breakdown" | "accident" | "road_blocked" | "other">().notNull(),
    vehicleId: text("vehicle_id").references(() => vehicles.id),
    reportedBy: text("reported_by").references(() => users.id),
    note: text("note"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    reportedAt: timestamptz("reported_at").notNull(),
    resolvedAt: timestamptz("resolved_at"),
  },
  (t) => [index("incidents_org_idx").on(t.organisationId, t.reportedAt)],
);
