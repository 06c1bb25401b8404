/**
 * Business events: what happened to an order, a stop or a shipment. Every state change appends
 * one to the durable outbox in the same transaction; webhooks, customer notifications and the live
 * channel are fed from there. Payloads follow the Standard Webhooks envelope
 * (`{ type, timestamp, data }`).
 */

/** Every event type a webhook subscription can filter on. */
export const EVENT_TYPES = [
  "order.created",
  "order.status_changed",
  "order.feedback_received",
  "stop.status_changed",
  "stop.arrived",
  "stop.completed",
  "stop.failed",
  /** A stop was put on a route, moved between or within routes, or taken off one (data: from/to). */
  "stop.route_changed",
  "shipment.milestone_changed",
  "shipment.eta_updated",
  "shipment.delayed",
  "shipment.rerouted",
  "vehicle.incident_reported",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The public tracking milestones, in the vocabulary of carrier tracking APIs. */
export const TRACKING_MILESTONES = [
  "pre_transit",
  "in_transit",
  "out_for_delivery",
  "arriving",
  "delivered",
  "delivery_failed",
  "return_to_sender",
  "cancelled",
  "exception",
] as const;
export type TrackingMilestone = (typeof TRACKING_MILESTONES)[number];

/** Who caused a change: a user, an integration key, the system (a rule, a timer), a driver, a customer. */
export interface EventActor {
  readonly kind: "user" | "api_key" | "driver" | "customer" | "system";
  readonly id: string | null;
}

/**
 * One business event as stored in the outbox and as sent (its `data`) to webhooks.
 * `orderId` is the ordering key: events of one order are delivered in `sequence` order.
 */
export interface BusinessEvent {
  /** `evt_...`, unique; the Standard Webhooks `webhook-id` of every delivery of this event. */
  readonly id: string;
  readonly type: EventType;
  readonly organisationId: string;
  readonly orderId: string | null;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly actor: EventActor;
  readonly data: Readonly<Record<string, unknown>>;
}
