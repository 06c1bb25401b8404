import type { TelemetryRejectReason } from "@waybill/shared";
import type { ReportReject } from "./decoder";
import { describeBadFixAt } from "./fix-time";

/** One problem with one field of one report. `field` is relative to the report (`speedKmh`). */
export interface ReportIssue {
  readonly reason: TelemetryRejectReason;
  readonly field: string;
  readonly message: string;
}

/** A decoded JSON object. JSON.parse only ever yields plain objects, so no prototype check. */
export type JsonObject = Record<string, unknown>;

/** Bounds of an optional numeric field and how to say it when they are broken. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly maxExclusive?: boolean;
  /** Completes "expected …", e.g. `a number >= 0`. */
  readonly expected: string;
}

/**
 * What a report's optional numbers may be. Beyond these a device is broken, and a value must fit
 * the column that stores it (PostgreSQL's `real` ends near 3.4e38; a JSON `1e400` is Infinity):
 * a value that fails its store would fail the whole batch, again at every retry.
 */
export const REPORT_RANGES = {
  speedKmh: { min: 0, max: 400, expected: "a number in [0, 400]" },
  headingDeg: { min: 0, max: 360, maxExclusive: true, expected: "a number in [0, 360)" },
  /** A course that may go round more than once (OwnTracks' `cog`), taken modulo 360. */
  courseDeg: { min: 0, max: 36_000, expected: "a number in [0, 36000]" },
  accuracyM: { min: 0, max: 1_000_000, expected: "a number of metres in [0, 1000000]" },
  altitudeM: { min: -12_000, max: 100_000, expected: "a number of metres in [-12000, 100000]" },
  odometerKm: { min: 0, max: 100_000_000, expected: "a number of km in [0, 100000000]" },
  batteryPct: { min: 0, max: 100, expected: "a number in [0, 100]" },
} as const satisfies Record<string, NumberRange>;

/** Issues listed in a reject's detail before the rest are only counted. */
const MAX_LISTED_ISSUES = 5;

/** True for a JSON object (not an array, not null). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Short, safe description of a JSON value for error details. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a long string" : JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Reads an optional number within `range`; null or absent means absent. */
export function readOptionalNumber(
  value: unknown,
  field: string,
  range: NumberRange,
  issues: ReportIssue[],
): number | null {
  if (value === undefined || value === null) return null;
  if (
    typeof value !== "number" ||
    !(value >= range.min && value <= range.max) ||
    (range.maxExclusive === true && value === range.max)
  ) {
    issues.push({
      reason: "invalid_schema",
      field,
      message: `expected ${range.expected}, got ${describeJsonValue(value)}`,
    });
    return null;
  }
  return value;
}

/** Reads an optional boolean; null or absent means absent. */
export function readOptionalBoolean(value: unknown, field: string, issues: ReportIssue[]): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  issues.push({
    reason: "invalid_schema",
    field,
    message: `expected a boolean, got ${describeJsonValue(value)}`,
  });
  return null;
}

/**
 * Reads a required latitude (`limitDeg` 90) or longitude (180). A missing or non-numeric value is a
 * schema problem; a number outside the range (or an overflow such as `1e400`) is a coordinate one.
 */
export function readCoordinate(
  value: unknown,
  field: string,
  limitDeg: 90 | 180,
  issues: ReportIssue[],
): number {
  if (typeof value !== "number") {
    issues.push({ reason: "invalid_schema", field, message: describeMissingOrWrong(value, "a number") });
    return Number.NaN;
  }
  if (!(Math.abs(value) <= limitDeg)) {
    const message = `${value} is outside [-${limitDeg}, ${limitDeg}]`;
    issues.push({ reason: "invalid_coordinates", field, message });
    return Number.NaN;
  }
  return value;
}

/** Checks an epoch-milliseconds fix time decoded from `field`; returns it or NaN. */
export function checkFixAt(fixAt: number, field: string, issues: ReportIssue[]): number {
  const problem = describeBadFixAt(fixAt);
  if (problem === null) return fixAt;
  issues.push({ reason: "invalid_time", field, message: problem });
  return Number.NaN;
}

/** "is required" for an absent value, else "expected …, got …". */
export function describeMissingOrWrong(value: unknown, expected: string): string {
  if (value === undefined) return "is required";
  return `expected ${expected}, got ${describeJsonValue(value)}`;
}

/** Flags every key of `object` that is not in `known`. */
export function flagUnknownFields(
  object: JsonObject,
  known: ReadonlySet<string>,
  issues: ReportIssue[],
): void {
  for (const key in object) {
    if (!known.has(key)) issues.push({ reason: "invalid_schema", field: key, message: "unknown field" });
  }
}

/** Path of a field for a detail: `speedKmh` in a single object, `[2].speedKmh` in an array. */
export function fieldPath(index: number | null, field: string): string {
  if (index === null) return field === "" ? "$" : field;
  return field === "" ? `[${index}]` : `[${index}].${field}`;
}

/** Folds the issues of one report into a reject: the first issue's reason, every issue's path. */
export function toReportReject(issues: readonly ReportIssue[], index: number | null): ReportReject {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${fieldPath(index, issue.field)}: ${issue.message}`);
  if (issues.length > MAX_LISTED_ISSUES) listed.push(`and ${issues.length - MAX_LISTED_ISSUES} more`);
  return { reason: issues[0]?.reason ?? "invalid_schema", detail: listed.join("; "), index };
}
