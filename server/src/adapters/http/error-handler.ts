import type { ErrorCode, FieldIssue, Problem } from "@waybill/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { AppError } from "../../services/app-error";
import type { HttpEnv } from "./http-env";

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Validation failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  gone: "Gone",
  payload_too_large: "Payload too large",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

/** An RFC 9457 problem response. */
export function problem(
  c: Context,
  status: number,
  code: ErrorCode,
  detail: string,
  errors?: readonly FieldIssue[],
  extensions: Readonly<Record<string, unknown>> = {},
) {
  const body: Problem = {
    ...extensions,
    type: "about:blank",
    title: TITLES[code],
    status,
    code,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
  return c.json(body, status as 400, { "content-type": "application/problem+json" });
}

/**
 * The one place errors become responses (hono's onError): typed errors keep their status and
 * code; anything else is logged with the request id and becomes a generic 500.
 */
export function createErrorHandler(log: Logger) {
  return (error: Error, c: Context<HttpEnv>) => {
    if (error instanceof AppError)
      return problem(c, error.status, error.code, error.message, error.errors, error.extensions);
    if (error instanceof HTTPException) {
      const code: ErrorCode =
        error.status === 413 ? "payload_too_large" : error.status === 401 ? "unauthenticated" : "bad_request";
      return problem(c, error.status, code, error.message || TITLES[code]);
    }
    log.error({ err: error, requestId: c.get("requestId"), path: c.req.path }, "unhandled error");
    return problem(
      c,
      500,
      "internal",
      `unexpected error; quote request id ${c.get("requestId")} when reporting it`,
    );
  };
}
