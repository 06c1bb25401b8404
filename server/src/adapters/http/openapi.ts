import {
  CreateApiKeyBody,
  CreateOrganisationBody,
  CreateUserBody,
  CreateVehicleBody,
  SignInBody,
} from "@waybill/shared";
import { orderPaths } from "./openapi-orders";
import { body, json, pathParam, problems, queryParam, ref, secured } from "./openapi-parts";
import { webhookPaths } from "./openapi-webhooks";

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
            driver: {
              description: "The driver whose shift on the vehicle is under way",
              type: ["object", "null"],
              properties: { id: { type: "string" }, name: { type: "string" } },
            },
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
      "/api/v1/route": {
        get: {
          summary: "Fastest route through 2-25 points, with geometry, OSM node ids and turn-by-turn steps",
          ...secured,
          parameters: [
            {
              name: "points",
              in: "query",
              required: true,
              description: "lng,lat;lng,lat[;...]",
              schema: { type: "string" },
            },
            queryParam("headings", "optional heading per point, degrees; empty for none: 90;;180"),
            queryParam("steps", "true (default) or false"),
          ],
          responses: {
            200: {
              description: "{ distanceM, durationS, osmNodeIds, geometry (GeoJSON LineString), steps, legs }",
            },
            ...problems(401, 404, 422),
          },
        },
      },
      "/api/v1/matrix": {
        post: {
          summary:
            "Travel times (s) and distances (m) between sources and targets (targets default to sources)",
          ...secured,
          requestBody: {
            required: true,
            ...json({
              type: "object",
              required: ["sources"],
              properties: {
                sources: {
                  type: "array",
                  items: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
                },
                targets: { type: "array", items: { type: "array", items: { type: "number" } } },
              },
            }),
          },
          responses: {
            200: { description: "{ durationsS, distancesM, sources, targets }; null where unreachable" },
            ...problems(400, 401, 403, 422),
          },
        },
      },
      "/api/v1/snap": {
        get: {
          summary: "Nearest routable road to a point",
          ...secured,
          parameters: [
            {
              name: "point",
              in: "query",
              required: true,
              description: "lng,lat",
              schema: { type: "string" },
            },
            queryParam("heading", "degrees; only roads drivable in about this direction"),
          ],
          responses: {
            200: {
              description:
                "{ point, distanceM, fraction, name, wayOsmId, fromOsmNodeId, toOsmNodeId, twoWay }",
            },
            ...problems(401, 404, 422),
          },
        },
      },
      "/api/v1/road-closures": {
        post: {
          summary:
            "Close (or, with speedFactor, slow) the roads under a line; routes and matrices follow within seconds",
          ...secured,
          requestBody: {
            required: true,
            ...json({
              type: "object",
              required: ["geometry", "reason"],
              properties: {
                geometry: { type: "object", description: "GeoJSON LineString along the road" },
                reason: { type: "string" },
                speedFactor: { type: "number", minimum: 0.05, maximum: 1 },
                startsAt: { type: "string", format: "date-time" },
                endsAt: { type: "string", format: "date-time" },
              },
            }),
          },
          responses: {
            201: { description: "The closure with edgesClosed" },
            ...problems(400, 401, 403, 422),
          },
        },
        get: {
          summary: "Current and scheduled closures and slowdowns",
          ...secured,
          responses: { 200: { description: "Closures" }, ...problems(401, 403) },
        },
      },
      "/api/v1/road-closures/{id}": {
        delete: {
          summary: "Remove a closure of your organisation",
          ...secured,
          parameters: [pathParam("id")],
          responses: { 204: { description: "Removed" }, ...problems(401, 403, 404) },
        },
      },
      "/api/v1/map/streets": {
        get: {
          summary: "The road network as GeoJSON (the dashboard's base map)",
          ...secured,
          responses: { 200: { description: "FeatureCollection" } },
        },
      },
      ...orderPaths(),
      ...webhookPaths(),
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
