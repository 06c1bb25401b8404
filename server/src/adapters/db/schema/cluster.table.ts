import { bigserial, customType, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * The MQTT ingest sessions of the instances of a cluster (shared subscription group): each
 * instance registers its client id here and holds the advisory lock `mqtt-session:<client id>`
 * while it lives. When an instance dies, the broker keeps its session (messages in flight and
 * queued for it); an instance running the adoption singleton finds the row whose lock is free,
 * takes the session over, stores what it held, ends it and deletes the row.
 */
export const mqttSessions = pgTable("mqtt_sessions", {
  clientId: text("client_id").primaryKey(),
  shareGroup: text("share_group").notNull(),
  registeredAt: timestamp("registered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * Live channel broadcasts too large for PostgreSQL NOTIFY (8,000 bytes), read by the other
 * instances and deleted after 30 s by `@socket.io/postgres-adapter` (its documented table).
 */
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial("id", { mode: "number" }).unique(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).defaultNow(),
  payload: bytea("payload"),
});
