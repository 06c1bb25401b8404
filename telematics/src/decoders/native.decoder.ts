import type { DeviceId, PositionReport } from "@waybill/shared";
import { DecodeError } from "./decode-error";
import type { DecodedMessage, Decoder } from "./decoder";
import { parseIsoInstant } from "./fix-time";
import { parseJsonPayload } from "./json-payload";
import {
  checkFixAt,
  describeJsonValue,
  describeMissingOrWrong,
  flagUnknownFields,
  isJsonObject,
  type JsonObject,
  REPORT_RANGES,
  type ReportIssue,
  readCoordinate,
  readOptionalBoolean,
  readOptionalNumber,
  toReportReject,
} from "./report-fields";

/** Most fixes one native message may carry. */
export const MAX_NATIVE_BATCH_FIXES = 1_000;
/** Largest `attrs` object accepted, bytes of its JSON serialisation. */
export const MAX_NATIVE_ATTRS_BYTES = 4 * 1024;

const NATIVE_FIELDS: ReadonlySet<string> = new Set([
  "fixAt",
  "lat",
  "lng",
  "speedKmh",
  "headingDeg",
  "accuracyM",
  "altitudeM",
  "odometerKm",
  "ignition",
  "batteryPct",
  "attrs",
]);

/**
 * Decodes Waybill's own JSON format, published on `waybill/v1/devices/{deviceId}/telemetry`: one
 * fix object, or an array of 1-1,000 of them. Each fix has `fixAt` (ISO-8601 with `Z`/offset, or
 * epoch ms), `lat`, `lng` (degrees) and optional `speedKmh`, `headingDeg`, `accuracyM`, `altitudeM`,
 * `odometerKm`, `ignition`, `batteryPct`, `attrs`; null means absent. A bad fix in an array is
 * rejected on its own with its index; the others still pass.
 *
 * @throws {DecodeError} for oversized, non-JSON, non-object/array or empty/oversized-array payloads.
 * @example
 * decodeNative({ deviceId, receivedAt, payload: utf8('{"fixAt":1717416761000,"lat":43.73,"lng":7.42}') });
 */
export const decodeNative: Decoder = ({ deviceId, payload }) => {
  const root = parseJsonPayload(payload);
  if (Array.isArray(root)) return decodeNativeBatch(root, deviceId);
  if (!isJsonObject(root)) {
    throw new DecodeError(
      "invalid_schema",
      `$: expected an object or an array of objects, got ${describeJsonValue(root)}`,
      {
        field: "$",
      },
    );
  }
  const fix = readNativeFix(root, deviceId);
  return Array.isArray(fix)
    ? { reports: [], rejects: [toReportReject(fix, null)] }
    : { reports: [fix], rejects: [] };
};

function decodeNativeBatch(elements: unknown[], deviceId: DeviceId): DecodedMessage {
  if (elements.length === 0 || elements.length > MAX_NATIVE_BATCH_FIXES) {
    const message = `$: expected 1 to ${MAX_NATIVE_BATCH_FIXES} fixes, got ${elements.length}`;
    throw new DecodeError("invalid_schema", message, { field: "$" });
  }
  const result: DecodedMessage = { reports: [], rejects: [] };
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index];
    const fix: PositionReport | ReportIssue[] = isJsonObject(element)
      ? readNativeFix(element, deviceId)
      : [
          {
            reason: "invalid_schema",
            field: "",
            message: `expected an object, got ${describeJsonValue(element)}`,
          },
        ];
    if (Array.isArray(fix)) result.rejects.push(toReportReject(fix, index));
    else result.reports.push(fix);
  }
  return result;
}

/** One fix object to a report, or the list of what is wrong with it. */
function readNativeFix(fix: JsonObject, deviceId: DeviceId): PositionReport | ReportIssue[] {
  const issues: ReportIssue[] = [];
  const fixAt = readNativeFixAt(fix.fixAt, issues);
  const lat = readCoordinate(fix.lat, "lat", 90, issues);
  const lng = readCoordinate(fix.lng, "lng", 180, issues);
  const speedKmh = readOptionalNumber(fix.speedKmh, "speedKmh", REPORT_RANGES.speedKmh, issues);
  const headingDeg = readOptionalNumber(fix.headingDeg, "headingDeg", REPORT_RANGES.headingDeg, issues);
  const accuracyM = readOptionalNumber(fix.accuracyM, "accuracyM", REPORT_RANGES.accuracyM, issues);
  const altitudeM = readOptionalNumber(fix.altitudeM, "altitudeM", REPORT_RANGES.altitudeM, issues);
  const odometerKm = readOptionalNumber(fix.odometerKm, "odometerKm", REPORT_RANGES.odometerKm, issues);
  const ignition = readOptionalBoolean(fix.ignition, "ignition", issues);
  const batteryPct = readOptionalNumber(fix.batteryPct, "batteryPct", REPORT_RANGES.batteryPct, issues);
  const attrs = readAttrs(fix.attrs, issues);
  flagUnknownFields(fix, NATIVE_FIELDS, issues);
  if (issues.length > 0) return issues;
  return {
    deviceId,
    fixAt,
    lat,
    lng,
    speedKmh,
    headingDeg,
    accuracyM,
    altitudeM,
    odometerKm,
    ignition,
    batteryPct,
    attrs,
  };
}

/** `fixAt`: an ISO-8601 string with `Z` or an offset, or epoch milliseconds. */
function readNativeFixAt(value: unknown, issues: ReportIssue[]): number {
  if (typeof value === "number") return checkFixAt(value, "fixAt", issues);
  if (typeof value === "string") {
    const fixAt = parseIsoInstant(value);
    if (fixAt !== null) return checkFixAt(fixAt, "fixAt", issues);
    const message = `${describeJsonValue(value)} is not an ISO-8601 date-time with Z or an offset`;
    issues.push({ reason: "invalid_time", field: "fixAt", message });
    return Number.NaN;
  }
  const message = describeMissingOrWrong(value, "an ISO-8601 string or epoch milliseconds");
  issues.push({ reason: "invalid_schema", field: "fixAt", message });
  return Number.NaN;
}

/** `attrs`: a plain object of at most {@link MAX_NATIVE_ATTRS_BYTES} serialised bytes. */
function readAttrs(value: unknown, issues: ReportIssue[]): Readonly<Record<string, unknown>> {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) {
    issues.push({
      reason: "invalid_schema",
      field: "attrs",
      message: `expected an object, got ${describeJsonValue(value)}`,
    });
    return {};
  }
  if (exceedsUtf8Bytes(JSON.stringify(value), MAX_NATIVE_ATTRS_BYTES)) {
    issues.push({
      reason: "invalid_schema",
      field: "attrs",
      message: `larger than ${MAX_NATIVE_ATTRS_BYTES} bytes as JSON`,
    });
  }
  return value;
}

const utf8Encoder = new TextEncoder();

/** True when `text` takes more than `limitBytes` as UTF-8; encodes only when its length cannot tell. */
function exceedsUtf8Bytes(text: string, limitBytes: number): boolean {
  // One UTF-16 unit takes 1 to 3 UTF-8 bytes.
  if (text.length > limitBytes) return true;
  if (text.length * 3 <= limitBytes) return false;
  return utf8Encoder.encode(text).byteLength > limitBytes;
}
