import {
  CreateApiKeyBody,
  CreateOrganisationBody,
  CreateUserBody,
  CreateVehicleBody,
  SignInBody,
} from "@waybill/shared";
import { z } from "zod";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (schema: z.ZodType) => ({ required: true, ...json(z.toJSONSchema(schema, { io: "input" })) });
const problems = (...statuses: number[]) =>
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
  409: "Conflicts with an existing resource",
  422: "Validation failed; `errors` names each field",
};
const secured = { security: [{ bearer: [] }] };

const Position = {
  type: ["object", "null"],
  properties: {
    fixAt: { type: "integer", description: "GPS fix time, epoch milliseconds" },
    lat: { type: "number" },
    lng: { type: "number" },
    speedKmh: { type: ["number", "null"] },
    headingDeg: { type: ["number", "null"] },
  },
};

/** The OpenAPI 3.1 description of the HTTP API, served at `/api/openapi.json`. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Waybill API",
      version: "1.0.0",
      description:
        "Real-time shipment tracking. Authenticate with `Authorization: Bearer <API key or session token>`; every resource is scoped to the caller's organisation.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "code"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { field: { type: "string" }, reason: { type: "string" } },
              },
            },
          },
        },
        Vehicle: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            plate: { type: ["string", "null"] },
            capacityKg: { type: ["number", "null"] },
            deviceId: { type: ["string", "null"] },
            createdAt: { type: "string", format: "date-time" },
            position: Position,
          },
        },
        TrackPoint: {
          type: "object",
          properties: { ...Position.properties, accuracyM: { type: ["number", "null"] } },
        },
      },
    },
    paths: {
      "/api/v1/auth/sessions": {
        post: {
          summary: "Sign in with email and password",
          requestBody: body(SignInBody),
          responses: {
            201: { description: "A session token", ...json({ type: "object" }) },
            ...problems(400, 401, 422),
          },
        },
      },
      "/api/v1/auth/sessions/current": {
        delete: {
          summary: "Sign out",
          ...secured,
          responses: { 204: { description: "Signed out" }, ...problems(401) },
        },
      },
      "/api/v1/me": {
        get: {
          summary: "The caller, its organisation and client settings",
          ...secured,
          responses: { 200: { description: "The caller" }, ...problems(401) },
        },
      },
      "/api/v1/vehicles": {
        post: {
          summary: "Create a vehicle (and its device: the secret is returned once)",
          ...secured,
          requestBody: body(CreateVehicleBody),
          responses: {
            201: { description: "The vehicle, with deviceSecret", ...json(ref("Vehicle")) },
            ...problems(400, 401, 403, 409, 422),
          },
        },
        get: {
          summary: "The organisation's vehicles with their latest position",
          ...secured,
          responses: {
            200: { description: "Vehicles", ...json({ type: "array", items: ref("Vehicle") }) },
            ...problems(401, 403),
          },
        },
      },
      "/api/v1/vehicles/{id}": {
        get: {
          summary: "One vehicle",
          ...secured,
          parameters: [pathParam("id")],
          responses: {
            200: { description: "The vehicle", ...json(ref("Vehicle")) },
            ...problems(401, 403, 404),
          },
        },
      },
      "/api/v1/vehicles/{id}/positions": {
        get: {
          summary: "A vehicle's track; GeoJSON with Accept: application/geo+json",
          ...secured,
          parameters: [
            pathParam("id"),
            queryParam("from", "ISO-8601 or epoch ms; default 24 h before `to`"),
            queryParam("to", "ISO-8601 or epoch ms; default now"),
          ],
          responses: {
            200: {
              description: "Positions, oldest first (at most 10,000)",
              content: {
                "application/json": { schema: { type: "array", items: ref("TrackPoint") } },
                "application/geo+json": { schema: { type: "object" } },
              },
            },
            ...problems(401, 403, 404, 422),
          },
        },
      },
      "/api/v1/telemetry/rejected": {
        get: {
          summary: "Rejected telemetry (dead letters), newest first",
          ...secured,
          parameters: [queryParam("limit", "1-1000, default 100"), queryParam("before", "id to page from")],
          responses: { 200: { description: "Dead letters and the next page" }, ...problems(401, 403, 422) },
        },
      },
      "/api/v1/organisations": {
        post: {
          summary: "Create an organisation, its first admin and an admin API key (operator admins)",
          ...secured,
          requestBody: body(CreateOrganisationBody),
          responses: {
            201: { description: "The organisation, admin user and API key (shown once)" },
            ...problems(401, 403, 409, 422),
          },
        },
      },
      "/api/v1/users": {
        post: {
          summary: "Create a person (admin)",
          ...secured,
          requestBody: body(CreateUserBody),
          responses: { 201: { description: "The user" }, ...problems(401, 403, 409, 422) },
        },
        get: {
          summary: "People of the organisation (admin)",
          ...secured,
          responses: { 200: { description: "Users" } },
        },
      },
      "/api/v1/api-keys": {
        post: {
          summary: "Create an API key (admin); the key is returned once",
          ...secured,
          requestBody: body(CreateApiKeyBody),
          responses: { 201: { description: "The key" }, ...problems(401, 403, 422) },
        },
        get: {
          summary: "API keys (admin), without the keys",
          ...secured,
          responses: { 200: { description: "Keys" } },
        },
      },
      "/api/v1/api-keys/{id}": {
        delete: {
          summary: "Revoke an API key (admin)",
          ...secured,
          parameters: [pathParam("id")],
          responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404) },
        },
      },
      "/api/v1/map/streets": {
        get: {
          summary: "Streets of the base map as GeoJSON",
          ...secured,
          responses: { 200: { description: "FeatureCollection" } },
        },
      },
      "/healthz": { get: { summary: "Liveness", responses: { 200: { description: "Alive" } } } },
      "/readyz": {
        get: {
          summary: "Readiness: database reachable and telemetry subscribed",
          responses: { 200: { description: "Ready" }, 503: { description: "Not ready, with the reason" } },
        },
      },
      "/metrics": {
        get: { summary: "Prometheus metrics", responses: { 200: { description: "Text exposition format" } } },
      },
    },
  };
}

const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const queryParam = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string" },
});
