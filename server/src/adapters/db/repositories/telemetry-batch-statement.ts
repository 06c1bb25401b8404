import type { StoredPosition, TelemetryBatch } from "../../../ports/telemetry-store";
import {
  booleanArrayLiteral,
  numberArrayLiteral,
  realArrayLiteral,
  textArrayLiteral,
} from "../pg-array-literal";

/**
 * A whole telemetry batch (positions, latest states, dead letters) as ONE statement, which
 * PostgreSQL runs atomically: one round trip, no BEGIN/COMMIT. Each column of each table is one
 * array parameter expanded by `unnest`, so the SQL text never changes (prepared once per
 * connection) and Node builds one string per column: no query builder over a VALUES list (~60 us
 * per row) and no JSON keys per row for PostgreSQL to parse.
 *
 * Times travel as float8 epoch milliseconds: a fractional `fixAt` that passed validation must not
 * fail its whole batch (the columns keep milliseconds).
 */
const epochMs = (column: string) => `'epoch'::timestamptz + ${column} * interval '1 millisecond'`;

const insertPositions = (onConflict: string) => `insert into positions (vehicle_id, fix_at, device_id,
    received_at, lat, lng, speed_kmh, heading_deg, accuracy_m, altitude_m, odometer_km, ignition, battery_pct, attrs)
  select vehicle_id, ${epochMs("fix_ms")}, device_id, ${epochMs("received_ms")}, lat, lng, speed_kmh,
    heading_deg, accuracy_m, altitude_m, odometer_km, ignition, battery_pct, attrs
  from vehicles_checked, unnest($1::text[], $2::float8[], $3::text[], $4::float8[], $5::float8[], $6::float8[],
    $7::real[], $8::real[], $9::real[], $10::real[], $11::float8[], $12::bool[], $13::real[], $14::jsonb[])
    as r(vehicle_id, fix_ms, device_id, received_ms, lat, lng, speed_kmh, heading_deg, accuracy_m,
      altitude_m, odometer_km, ignition, battery_pct, attrs)
  ${onConflict}
  returning 1`;

/** Latest states: only a newer fix moves one (never backwards in time). */
const UPSERT_LATEST = `insert into vehicle_states (vehicle_id, fix_at, lat, lng, speed_kmh, heading_deg, updated_at)
  select vehicle_id, ${epochMs("fix_ms")}, lat, lng, speed_kmh, heading_deg, now()
  from unnest($15::text[], $16::float8[], $17::float8[], $18::float8[], $19::real[], $20::real[])
    as r(vehicle_id, fix_ms, lat, lng, speed_kmh, heading_deg)
  on conflict (vehicle_id) do update set fix_at = excluded.fix_at, lat = excluded.lat, lng = excluded.lng,
    speed_kmh = excluded.speed_kmh, heading_deg = excluded.heading_deg, updated_at = excluded.updated_at
  where vehicle_states.fix_at < excluded.fix_at`;

/** Dead letters, in the order given (their ids grow in that order). */
const INSERT_REJECTS = `insert into rejected_telemetry (organisation_id, device_id, topic, reason, detail,
    report_index, payload_excerpt, received_at)
  select organisation_id, device_id, topic, reason, detail, report_index, payload_excerpt, ${epochMs("received_ms")}
  from unnest($21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::int4[], $27::text[],
    $28::float8[]) as r(organisation_id, device_id, topic, reason, detail, report_index, payload_excerpt, received_ms)`;

/**
 * Positions have no foreign key to their vehicle (it costs a lookup and a row lock per position):
 * the batch locks each of its vehicles once, and fails whole for an unknown one, before inserting.
 */
const CHECK_VEHICLES = "select waybill_lock_vehicles($29::text[])";

const writeBatchSql = (onConflict: string) => `with vehicles_checked as (${CHECK_VEHICLES}),
  inserted as (${insertPositions(onConflict)}),
  latest as (${UPSERT_LATEST}),
  rejected as (${INSERT_REJECTS})
  select count(*)::int as inserted from inserted`;

/**
 * The batch for the usual case: none of its positions is stored yet. Without ON CONFLICT each row
 * is inserted once, not speculatively (an index probe and a WAL record less per row). It fails
 * with a unique violation, and writes nothing, when a position is already stored (a redelivered
 * message): then {@link WRITE_BATCH_SKIPPING_STORED} runs instead.
 */
export const WRITE_BATCH = writeBatchSql("");

/** The batch, storing only the positions not stored yet (a redelivery stores nothing twice). */
export const WRITE_BATCH_SKIPPING_STORED = writeBatchSql("on conflict do nothing");

/** SQLSTATE of a unique violation: a position of the batch is stored already. */
export const UNIQUE_VIOLATION = "23505";

/** The parameters of {@link WRITE_BATCH} for a batch, in order. */
export function writeBatchParams(batch: TelemetryBatch): string[] {
  const { positions: p, latest: l, rejects: r } = batch;
  return [
    textArrayLiteral(p.map((x) => x.vehicleId)),
    numberArrayLiteral(p.map((x) => x.fixAt)),
    textArrayLiteral(p.map((x) => x.deviceId)),
    numberArrayLiteral(p.map((x) => x.receivedAt)),
    numberArrayLiteral(p.map((x) => x.lat)),
    numberArrayLiteral(p.map((x) => x.lng)),
    nullable(
      p.map((x) => x.speedKmh),
      realArrayLiteral,
    ),
    nullable(
      p.map((x) => x.headingDeg),
      realArrayLiteral,
    ),
    nullable(
      p.map((x) => x.accuracyM),
      realArrayLiteral,
    ),
    nullable(
      p.map((x) => x.altitudeM),
      realArrayLiteral,
    ),
    nullable(
      p.map((x) => x.odometerKm),
      numberArrayLiteral,
    ),
    nullable(
      p.map((x) => x.ignition),
      booleanArrayLiteral,
    ),
    nullable(
      p.map((x) => x.batteryPct),
      realArrayLiteral,
    ),
    nullable(p.map(attrsJson), textArrayLiteral),
    textArrayLiteral(l.map((x) => x.vehicleId)),
    numberArrayLiteral(l.map((x) => x.fixAt)),
    numberArrayLiteral(l.map((x) => x.lat)),
    numberArrayLiteral(l.map((x) => x.lng)),
    nullable(
      l.map((x) => x.speedKmh),
      realArrayLiteral,
    ),
    nullable(
      l.map((x) => x.headingDeg),
      realArrayLiteral,
    ),
    nullable(
      r.map((x) => x.organisationId),
      textArrayLiteral,
    ),
    nullable(
      r.map((x) => x.deviceId),
      textArrayLiteral,
    ),
    textArrayLiteral(r.map((x) => x.topic)),
    textArrayLiteral(r.map((x) => x.reason)),
    textArrayLiteral(r.map((x) => x.detail)),
    nullable(
      r.map((x) => x.reportIndex),
      numberArrayLiteral,
    ),
    textArrayLiteral(r.map((x) => x.payloadExcerpt)),
    numberArrayLiteral(r.map((x) => x.receivedAt)),
    textArrayLiteral([...new Set(p.map((x) => x.vehicleId))]),
  ];
}

/**
 * A column that may hold NULLs. When every value is NULL (most optional fields of most devices)
 * it is sent as an empty array: `unnest` pads the shorter arrays of a row set with NULLs, and each
 * table has a NOT NULL column (vehicle, topic) that sets the row count.
 */
function nullable<T>(
  values: readonly (T | null)[],
  literal: (values: readonly (T | null)[]) => string,
): string {
  for (const value of values) if (value !== null && value !== undefined) return literal(values);
  return "{}";
}

/** Attributes as JSON, or NULL for none (most positions have none). */
function attrsJson(position: StoredPosition): string | null {
  for (const _ in position.attrs) return JSON.stringify(position.attrs);
  return null;
}
