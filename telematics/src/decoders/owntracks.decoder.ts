import type { DeviceId, PositionReport } from "@waybill/shared";
import { DecodeError } from "./decode-error";
import type { Decoder } from "./decoder";
import { parseJsonPayload } from "./json-payload";
import {
  checkFixAt,
  describeJsonValue,
  describeMissingOrWrong,
  isJsonObject,
  type JsonObject,
  REPORT_RANGES,
  type ReportIssue,
  readCoordinate,
  readOptionalNumber,
  toReportReject,
} from "./report-fields";

/** OwnTracks fields worth keeping: tracker id, trigger (`p`ing, `u`ser, …) and connectivity. */
const KEPT_ATTRS = ["tid", "t", "conn"] as const;

/**
 * Decodes an OwnTracks message (https://owntracks.org/booklet/tech/json/) published on
 * `owntracks/{user}/{device}`. A `_type: "location"` becomes one report: `lat`, `lon` (degrees),
 * `tst` (epoch SECONDS), optional `vel` (km/h), `cog` (degrees), `acc`, `alt` (metres), `batt` (%);
 * `tid`, `t` and `conn` go to `attrs`, other fields are ignored because the apps add some in every
 * version. Any other `_type` (lwt, transition, waypoint, card, cmd, status…) and the empty payload
 * that clears a retained message are accepted and yield nothing.
 *
 * Negative `vel`, `cog`, `acc` and `batt` are the apps' "unknown" and become null.
 *
 * @throws {DecodeError} for oversized or non-JSON payloads, a non-object or a missing `_type`.
 * @example
 * decodeOwnTracks({ deviceId, receivedAt, payload: utf8('{"_type":"location","lat":43.7,"lon":7.4,"tst":1717416761}') });
 */
export const decodeOwnTracks: Decoder = ({ deviceId, payload }) => {
  if (payload.byteLength === 0) return { reports: [], rejects: [] };
  const root = parseJsonPayload(payload);
  if (!isJsonObject(root)) {
    throw new DecodeError("invalid_schema", `$: expected an object, got ${describeJsonValue(root)}`, {
      field: "$",
    });
  }
  const type = root._type;
  if (typeof type !== "string") {
    throw new DecodeError("invalid_schema", `_type: ${describeMissingOrWrong(type, "a string")}`, {
      field: "_type",
    });
  }
  if (type !== "location") return { reports: [], rejects: [] };
  const location = readLocation(root, deviceId);
  return Array.isArray(location)
    ? { reports: [], rejects: [toReportReject(location, null)] }
    : { reports: [location], rejects: [] };
};

function readLocation(message: JsonObject, deviceId: DeviceId): PositionReport | ReportIssue[] {
  const issues: ReportIssue[] = [];
  const fixAt = readTimestampSeconds(message.tst, issues);
  const lat = readCoordinate(message.lat, "lat", 90, issues);
  const lng = readCoordinate(message.lon, "lon", 180, issues);
  const speedKmh = readOptionalNumber(unknownAsNull(message.vel), "vel", REPORT_RANGES.speedKmh, issues);
  const cogDeg = readOptionalNumber(unknownAsNull(message.cog), "cog", REPORT_RANGES.courseDeg, issues);
  const accuracyM = readOptionalNumber(unknownAsNull(message.acc), "acc", REPORT_RANGES.accuracyM, issues);
  const altitudeM = readOptionalNumber(message.alt, "alt", REPORT_RANGES.altitudeM, issues);
  const batteryPct = readOptionalNumber(
    unknownAsNull(message.batt),
    "batt",
    REPORT_RANGES.batteryPct,
    issues,
  );
  if (issues.length > 0) return issues;
  const headingDeg = cogDeg === null ? null : cogDeg % 360;
  const attrs = keptAttrs(message);
  return {
    deviceId,
    fixAt,
    lat,
    lng,
    speedKmh,
    headingDeg,
    accuracyM,
    altitudeM,
    odometerKm: null,
    ignition: null,
    batteryPct,
    attrs,
  };
}

/** `tst`: epoch seconds, required. Returns epoch milliseconds or NaN. */
function readTimestampSeconds(value: unknown, issues: ReportIssue[]): number {
  if (typeof value !== "number") {
    issues.push({
      reason: "invalid_schema",
      field: "tst",
      message: describeMissingOrWrong(value, "epoch seconds"),
    });
    return Number.NaN;
  }
  return checkFixAt(Math.round(value * 1000), "tst", issues);
}

/** The apps send -1 (iOS) when a sensor value is unknown. */
const unknownAsNull = (value: unknown): unknown => (typeof value === "number" && value < 0 ? null : value);

function keptAttrs(message: JsonObject): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const key of KEPT_ATTRS) {
    const value = message[key];
    if (typeof value === "string") attrs[key] = value;
  }
  return attrs;
}
