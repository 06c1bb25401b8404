import { CreateWebhookBody, ReplayWebhookBody, UpdateWebhookBody } from "@waybill/shared";
import { body, pathParam, problems, queryParam, secured } from "./openapi-parts";

/** OpenAPI paths of webhook subscriptions and of customers' unsubscribe links. */
export function webhookPaths(): Record<string, unknown> {
  return {
    "/api/v1/webhooks": {
      post: {
        summary:
          "Subscribe a URL to business events, signed as Standard Webhooks says; the secret (whsec_...) is returned once",
        ...secured,
        requestBody: body(CreateWebhookBody),
        responses: {
          201: { description: "The subscription with its secret" },
          ...problems(400, 401, 403, 409, 422),
        },
      },
      get: {
        summary: "The organisation's webhook subscriptions (without secrets)",
        ...secured,
        responses: { 200: { description: "Subscriptions" }, ...problems(401, 403) },
      },
    },
    "/api/v1/webhooks/{id}": {
      get: {
        summary: "One subscription, with why it was disabled if it was",
        ...secured,
        parameters: [pathParam("id")],
        responses: { 200: { description: "The subscription" }, ...problems(401, 403, 404) },
      },
      patch: {
        summary: "Change url, events or description; enabled: true re-enables and resumes pending deliveries",
        ...secured,
        parameters: [pathParam("id")],
        requestBody: body(UpdateWebhookBody),
        responses: { 200: { description: "The subscription" }, ...problems(400, 401, 403, 404, 422) },
      },
      delete: {
        summary: "Delete a subscription with its pending deliveries and log",
        ...secured,
        parameters: [pathParam("id")],
        responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
      },
    },
    "/api/v1/webhooks/{id}/rotate-secret": {
      post: {
        summary: "A new secret; for 24 h deliveries are signed with the previous one too",
        ...secured,
        parameters: [pathParam("id")],
        responses: {
          200: { description: "{ secret, previousSecretValidUntil }" },
          ...problems(401, 403, 404),
        },
      },
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: {
        summary: "The delivery log, newest first: event, attempt, status code, error, duration, time",
        ...secured,
        parameters: [
          pathParam("id"),
          queryParam("limit", "1-500, default 100"),
          queryParam("cursor", "nextCursor of the previous page"),
        ],
        responses: { 200: { description: "{ items, nextCursor }" }, ...problems(401, 403, 404, 422) },
      },
    },
    "/api/v1/webhooks/{id}/replay": {
      post: {
        summary: "Send events of the subscribed types again, in order: since a time and/or listed ids",
        ...secured,
        parameters: [pathParam("id")],
        requestBody: body(ReplayWebhookBody),
        responses: { 202: { description: "{ eventIds } queued" }, ...problems(400, 401, 403, 404, 422) },
      },
    },
    "/api/v1/unsubscribe/{token}": {
      get: {
        summary: "Customer unsubscribe link: a page saying what it does (no sign-in; the token is signed)",
        parameters: [pathParam("token")],
        responses: { 200: { description: "HTML page" }, ...problems(404) },
      },
      post: {
        summary: "Unsubscribe the customer from the organisation's notifications (also RFC 8058 one-click)",
        parameters: [pathParam("token")],
        responses: { 200: { description: "HTML page" }, ...problems(404) },
      },
    },
  };
}
