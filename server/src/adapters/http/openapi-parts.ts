import { z } from "zod";

/** Building blocks of the OpenAPI document. */
export const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const body = (schema: z.ZodType) => ({
  required: true,
  ...json(z.toJSONSchema(schema, { io: "input" })),
});
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: PROBLEM_TEXT[s],
        ...{ content: { "application/problem+json": { schema: ref("Problem") } } },
      },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: "Malformed request (body is not JSON)",
  401: "Missing, unknown, revoked or expired token",
  403: "The caller's role may not do this",
  404: "Not found in the caller's organisation",
  409: "Conflicts with an existing resource, or a transition the current state does not allow (`currentState`)",
  410: "Withdrawn or expired",
  413: "The body or an uploaded file is too large",
  422: "Validation failed; `errors` names each field",
};
export const secured = { security: [{ bearer: [] }] };

export const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
export const queryParam = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string" },
});
