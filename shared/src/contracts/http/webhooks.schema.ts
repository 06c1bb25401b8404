import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../events";

/** Most webhook subscriptions one organisation may hold. */
export const MAX_WEBHOOKS_PER_ORGANISATION = 50;

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2000, "at most 2000 characters");

const EventFilter = z
  .array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` }))
  .min(1, "subscribe to at least one event type")
  .max(EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, "lists an event type twice");

const Description = z.string().trim().max(500, "at most 500 characters");

/** Body of `POST /api/v1/webhooks`. */
export const CreateWebhookBody = z.strictObject({
  url: WebhookUrl,
  events: EventFilter,
  description: Description.optional(),
});
/** Parsed body of `POST /api/v1/webhooks`. */
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

/** Body of `PATCH /api/v1/webhooks/{id}`: `enabled: true` re-enables a disabled subscription. */
export const UpdateWebhookBody = z
  .strictObject({
    url: WebhookUrl.optional(),
    events: EventFilter.optional(),
    description: Description.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "change at least one of url, events, description, enabled");
/** Parsed body of `PATCH /api/v1/webhooks/{id}`. */
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

/** Body of `POST /api/v1/webhooks/{id}/replay`: events since a time, or listed ones, sent again in order. */
export const ReplayWebhookBody = z
  .strictObject({
    since: z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time with offset" }).optional(),
    eventIds: z.array(z.string().min(1).max(100)).min(1).max(1000, "at most 1000 events").optional(),
  })
  .refine((body) => body.since !== undefined || body.eventIds !== undefined, "give since or eventIds");
/** Parsed body of `POST /api/v1/webhooks/{id}/replay`. */
export type ReplayWebhookBody = z.infer<typeof ReplayWebhookBody>;

/** Query of `GET /api/v1/webhooks/{id}/deliveries`. */
export const WebhookDeliveriesQuery = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/, "must be the nextCursor of a previous page").optional(),
});

/** A webhook subscription as the API returns it (never with its secret). */
export interface WebhookDto {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: readonly EventType[];
  readonly enabled: boolean;
  /** Why the subscription stopped (410 Gone, retries exhausted, or by hand); null while enabled. */
  readonly disabledReason: string | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Response of `POST /api/v1/webhooks`: the subscription and its signing secret, shown this once. */
export interface CreatedWebhookDto extends WebhookDto {
  /** `whsec_` + base64 of the key, as the Standard Webhooks specification defines it. */
  readonly secret: string;
}

/** Response of `POST /api/v1/webhooks/{id}/rotate-secret`. */
export interface RotatedWebhookSecretDto {
  readonly secret: string;
  /** Until then deliveries carry a signature with the previous secret too. */
  readonly previousSecretValidUntil: string;
}

/** One attempt to deliver an event to a subscription: an entry of the delivery log. */
export interface WebhookDeliveryAttemptDto {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly orderId: string | null;
  /** 1 for the first try of a delivery, 2 for the first retry, ... */
  readonly attempt: number;
  /** HTTP status of the receiver's answer; null when none came (refused, timed out). */
  readonly statusCode: number | null;
  readonly outcome: "succeeded" | "retrying" | "failed";
  readonly error: string | null;
  readonly durationMs: number;
  readonly attemptedAt: string;
}

/** Response of `POST /api/v1/webhooks/{id}/replay`. */
export interface WebhookReplayDto {
  /** Events queued again for this subscription, oldest first. */
  readonly eventIds: readonly string[];
}

/** The JSON body of every webhook request, the Standard Webhooks envelope. */
export interface WebhookPayload {
  readonly type: EventType;
  /** When the event happened, ISO-8601 UTC. */
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}
