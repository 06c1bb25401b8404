import {
  boolean,
  doublePrecision,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { vehicles } from "./vehicles.table";

/**
 * Position history. The key (vehicle, fix time) makes a redelivered message store nothing twice:
 * inserts use ON CONFLICT DO NOTHING. Written in batches by the store stage.
 *
 * `vehicle_id` has no foreign key: a key checks and locks its vehicle once per inserted row, 40 %
 * of PostgreSQL's time per position. The store locks each vehicle of a batch once instead
 * (`waybill_lock_vehicles`, which fails the whole batch for an unknown vehicle just like the key
 * did), and a trigger on `vehicles` deletes a deleted vehicle's history (migration 0016).
 */
export const positions = pgTable(
  "positions",
  {
    vehicleId: text("vehicle_id").notNull(),
    fixAt: timestamp("fix_at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
    deviceId: text("device_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    speedKmh: real("speed_kmh"),
    headingDeg: real("heading_deg"),
    accuracyM: real("accuracy_m"),
    altitudeM: real("altitude_m"),
    odometerKm: doublePrecision("odometer_km"),
    ignition: boolean("ignition"),
    batteryPct: real("battery_pct"),
    attrs: jsonb("attrs").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ name: "positions_pkey", columns: [t.vehicleId, t.fixAt] })],
);

/** Latest known position per vehicle. Updated only by a newer fix (never moves backwards). */
export const vehicleStates = pgTable("vehicle_states", {
  vehicleId: text("vehicle_id")
    .primaryKey()
    .references(() => vehicles.id, { onDelete: "cascade" }),
  fixAt: timestamp("fix_at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  lat: doublePrecision("lat").notNull(),
  lng: doublePrecision("lng").notNull(),
  speedKmh: real("speed_kmh"),
  headingDeg: real("heading_deg"),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
});
