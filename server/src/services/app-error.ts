import type { ErrorCode, FieldIssue } from "@waybill/shared";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  internal: 500,
  unavailable: 503,
};

/**
 * An expected failure of a use case, mapped once to an HTTP problem body (adapters/http). Carries
 * the shared error code, a message a person can act on, field issues and the cause.
 *
 * @example
 * throw new AppError("not_found", `vehicle ${id} does not exist`);
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly status: number;
  /** RFC 9457 extension members added to the problem body (say, `currentState`). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldIssue[] = [],
    options?: { cause?: unknown; extensions?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options);
    this.extensions = options?.extensions ?? {};
    this.status = STATUS[code];
  }
}
