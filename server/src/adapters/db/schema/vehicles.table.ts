import { doublePrecision, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";

/** Vehicles of an organisation's fleet. */
export const vehicles = pgTable(
  "vehicles",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    plate: text("plate"),
    capacityKg: doublePrecision("capacity_kg"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("vehicles_org_idx").on(t.organisationId)],
);

/**
 * Telematics devices. The id is the device's own identifier (MQTT username and topic segment),
 * unique across the installation. The secret is stored as its SHA-256 (it is 32 random bytes).
 */
export const devices = pgTable(
  "devices",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    vehicleId: text("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("devices_vehicle_idx").on(t.vehicleId)],
);
