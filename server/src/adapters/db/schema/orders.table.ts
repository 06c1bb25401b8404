import type {
  FailureReason,
  OrderItem,
  OrderStatus,
  Place,
  StopKind,
  StopOutcome,
  StopPurpose,
  StopStatus,
  TimeWindow,
} from "@waybill/shared";
import {
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { CustomerFeedback } from "../../../domain/orders/order-state";
import { organisations } from "./organisations.table";
import { users } from "./users.table";
import { vehicles } from "./vehicles.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Orders from every sales channel: what to deliver, to whom, where and when. The status column is
 * the order layer of the status model; stops carry execution, milestones are derived.
 */
export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    channel: text("channel").notNull(),
    externalRef: text("external_ref"),
    status: text("status").$type<OrderStatus>().notNull(),
    customerName: text("customer_name").notNull(),
    customerEmail: text("customer_email"),
    customerPhone: text("customer_phone"),
    /** False when the customer asked for no notifications about this order. */
    notifyCustomer: boolean("notify_customer").notNull().default(true),
    destination: jsonb("destination").$type<Place>().notNull(),
    /** Where the goods leave from and return to (the depot); null: the organisation's default. */
    origin: jsonb("origin").$type<Place>(),
    timeZone: text("time_zone").notNull(),
    timeWindows: jsonb("time_windows").$type<TimeWindow[]>().notNull(),
    items: jsonb("items").$type<OrderItem[]>().notNull(),
    serviceTimeS: integer("service_time_s").notNull(),
    skills: jsonb("skills").$type<string[]>().notNull(),
    priority: integer("priority").notNull(),
    notes: text("notes"),
    /** Number of delivery attempts that ended (succeeded or failed). */
    attempts: integer("attempts").notNull().default(0),
    /** Open exception (delay, incident) shown as the `exception` milestone until cleared. */
    exception: text("exception"),
    feedback: jsonb("feedback").$type<CustomerFeedback>(),
    receivedAt: timestamptz("received_at").notNull(),
    deliveredAt: timestamptz("delivered_at"),
    returnReason: text("return_reason"),
    /** Bumped on every change: the order of its events and an optimistic-lock guard. */
    version: integer("version").notNull().default(1),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_external_ref_key").on(t.organisationId, t.externalRef),
    index("orders_org_created_idx").on(t.organisationId, t.createdAt, t.id),
    index("orders_org_status_idx").on(t.organisationId, t.status),
  ],
);

/** Pickups and deliveries that vehicles serve: the execution layer of the status model. */
export const stops = pgTable(
  "stops",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    kind: text("kind").$type<StopKind>().notNull(),
    purpose: text("purpose").$type<StopPurpose>().notNull(),
    status: text("status").$type<StopStatus>().notNull(),
    outcome: text("outcome").$type<StopOutcome>(),
    failureReason: text("failure_reason").$type<FailureReason>(),
    failureNote: text("failure_note"),
    place: jsonb("place").$type<Place>().notNull(),
    timeWindows: jsonb("time_windows").$type<TimeWindow[]>().notNull(),
    serviceTimeS: integer("service_time_s").notNull(),
    vehicleId: text("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    driverId: text("driver_id").references(() => users.id, { onDelete: "set null" }),
    /** Position in the vehicle's route (0-based), null while unassigned. */
    sequence: integer("sequence"),
    plannedArrivalAt: timestamptz("planned_arrival_at"),
    /** Live estimate of the arrival (tracking), its confidence (0-1) and whether its fix was stale. */
    etaAt: timestamptz("eta_at"),
    etaConfidence: real("eta_confidence"),
    etaStale: boolean("eta_stale"),
    /** Progress behind the ETA: road metres and driving seconds still ahead to the stop, metres the vehicle had driven. */
    etaRemainingM: real("eta_remaining_m"),
    etaDrivingS: real("eta_driving_s"),
    etaDrivenM: real("eta_driven_m"),
    arrivedAt: timestamptz("arrived_at"),
    completedAt: timestamptz("completed_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("stops_order_idx").on(t.orderId),
    index("stops_vehicle_idx").on(t.vehicleId, t.sequence),
    index("stops_driver_idx").on(t.driverId),
    index("stops_org_status_idx").on(t.organisationId, t.status),
  ],
);

/** The append-only timeline of an order: every change with time, actor and cause. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    stopId: text("stop_id"),
    at: timestamptz("at").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    type: text("type").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    cause: text("cause"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/** Proof of delivery files (signature images, photos), kept in the database so both modes keep them. */
export const proofFiles = pgTable(
  "proof_files",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    stopId: text("stop_id")
      .notNull()
      .references(() => stops.id),
    kind: text("kind").$type<"signature" | "photo">().notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("proof_files_order_idx").on(t.orderId)],
);

/** What was recorded with a proof of delivery besides the files. */
export const proofs = pgTable(
  "proofs",
  {
    stopId: text("stop_id")
      .primaryKey()
      .references(() => stops.id),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    recipientName: text("recipient_name"),
    note: text("note"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("proofs_order_idx").on(t.orderId)],
);

/** First responses of requests sent with an `Idempotency-Key`, replayed to retries. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organisationId: text("organisation_id").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").$type<unknown>().notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);

/** Customer tracking links: the token is signed, so only its id is stored; revocable and expiring. */
export const trackingLinks = pgTable(
  "tracking_links",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    expiresAt: timestamptz("expires_at").notNull(),
    revokedAt: timestamptz("revoked_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("tracking_links_order_idx").on(t.orderId)],
);

/** Keys the installation signs with (tracking links), generated at first start. */
export const signingKeys = pgTable("signing_keys", {
  name: text("name").primaryKey(),
  key: bytea("key").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
