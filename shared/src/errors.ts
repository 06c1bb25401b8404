/**
 * Error codes shared with clients. Every HTTP problem body carries one of these as `code`, and
 * every rejected telemetry message one of the {@link TelemetryRejectReason}s.
 *
 * @example
 * const body: Problem = { type: "about:blank", title: "Not found", status: 404, code: "not_found" };
 */
export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "gone",
  "payload_too_large",
  "internal",
  "unavailable",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field that failed validation: a dotted path and the reason. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
}

/** RFC 9457 problem details body, extended with a machine code and field issues. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly errors?: readonly FieldIssue[];
  /** The state a refused transition was asked of (409 on a status change). */
  readonly currentState?: string;
}

/** Why a telemetry message (or one report in it) was rejected. Counted and kept per reason. */
export const TELEMETRY_REJECT_REASONS = [
  "malformed_json",
  "invalid_schema",
  "invalid_coordinates",
  "invalid_time",
  "future_fix",
  "unknown_device",
  "payload_too_large",
  "topic_not_allowed",
  "duplicate",
  "implausible_jump",
  /** The device sent more messages than its per-device rate limit allows. */
  "rate_limited",
  /** A stage failed on this message (a bug): kept so nothing accepted is lost. */
  "processing_error",
] as const;

/** One of {@link TELEMETRY_REJECT_REASONS}. */
export type TelemetryRejectReason = (typeof TELEMETRY_REJECT_REASONS)[number];
