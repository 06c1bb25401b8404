import type { TelemetryRejectReason } from "@waybill/shared";

/**
 * A whole telemetry message could not be decoded. Ingest logs it with the topic and device, counts
 * it under `reason` and keeps the subscription alive.
 *
 * @example
 * throw new DecodeError("malformed_json", "payload is not valid JSON");
 */
export class DecodeError extends Error {
  override readonly name = "DecodeError";
  readonly reason: TelemetryRejectReason;
  /** The field path at fault (`_type`, `$` for the top level), when one is. */
  readonly field?: string;

  constructor(reason: TelemetryRejectReason, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    if (options?.field !== undefined) this.field = options.field;
  }
}
