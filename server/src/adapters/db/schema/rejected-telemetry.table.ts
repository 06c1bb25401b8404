import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";

/**
 * Dead letters of the ingest: every rejected message or report, with its reason. The payload is
 * kept as an excerpt (first 2 KiB) so a person can see what the device sent.
 */
export const rejectedTelemetry = pgTable(
  "rejected_telemetry",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null when the device is unknown: such rows are visible to the operator organisation only. */
    organisationId: text("organisation_id").references(() => organisations.id),
    deviceId: text("device_id"),
    topic: text("topic").notNull(),
    reason: text("reason").notNull(),
    detail: text("detail").notNull(),
    /** Index of the report within an array payload, null for the whole message. */
    reportIndex: integer("report_index"),
    payloadExcerpt: text("payload_excerpt").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  },
  (t) => [index("rejected_telemetry_org_time_idx").on(t.organisationId, t.receivedAt)],
);
