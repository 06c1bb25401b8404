import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../../services/app-error";

/**
 * Reads and validates a JSON body: 400 when it is not JSON, 422 naming each bad field otherwise.
 *
 * @example
 * const body = await parseJsonBody(c, CreateVehicleBody);
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON (send Content-Type: application/json)");
  }
  return validate(schema, raw, "body");
}

/** Validates a value (query, params) against a schema; 422 with every failing field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...path, key].join("."), reason: "unknown field" }));
    }
    return [{ field: path.length > 0 ? path.join(".") : where, reason: issue.message }];
  });
  throw new AppError(
    "validation_failed",
    `the ${where} has ${errors.length} invalid field(s): ${errors.map((e) => e.field).join(", ")}`,
    errors,
  );
}
