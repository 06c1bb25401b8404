import type { Problem } from "@waybill/shared";

/** Status used for an {@link ApiError} when no HTTP response arrived at all. */
export const NETWORK_ERROR_STATUS = 0;

/** A failed API call: the HTTP status (0 when the network failed) and the server's problem body, if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * True when a parsed JSON body has the shape of a problem document (RFC 9457 plus our `code`).
 *
 * @example
 * isProblem({ type: "about:blank", title: "Unauthorized", status: 401, code: "unauthenticated" }); // true
 */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const record = body as Record<string, unknown>;
  return typeof record.title === "string" && typeof record.status === "number";
}

/**
 * Text a person can act on: the problem's detail (or title), then each field issue.
 *
 * @example
 * describeProblem({ ..., title: "Validation failed", errors: [{ field: "email", reason: "must be an email address" }] });
 * // "Validation failed: email must be an email address."
 */
export function describeProblem(problem: Problem): string {
  const text = (problem.detail ?? problem.title).replace(/\.$/, "");
  const summary = text.charAt(0).toUpperCase() + text.slice(1);
  const issues = (problem.errors ?? []).map((issue) => `${issue.field} ${issue.reason}`);
  return issues.length > 0 ? `${summary}: ${issues.join("; ")}.` : `${summary}.`;
}
