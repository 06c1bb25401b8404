import type { FailureReason, OrderDto, TimeWindow } from "@waybill/shared";

/** The messages a customer can get about an order. */
export const NOTIFICATION_TEMPLATES = [
  "order_created",
  "order_scheduled",
  "out_for_delivery",
  "eta_changed",
  "arriving",
  "delivered",
  "delivery_failed",
  "delayed",
  "rerouted",
] as const;
/** One of {@link NOTIFICATION_TEMPLATES}. */
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/**
 * The messages that tell a new arrival time and so start the ETA flood interval: after a
 * re-route's message, the ETA changes that follow within the interval are the same news.
 */
export const ETA_NOTICE_TEMPLATES: readonly NotificationTemplate[] = ["eta_changed", "rerouted"];

/** What a template says, fixed when the notification is decided (times are ISO-8601). */
export interface NotificationFacts {
  readonly customerName: string;
  /** The order system's reference, else the order id. */
  readonly orderReference: string;
  readonly address: string;
  /** IANA zone the customer reads times in. */
  readonly timeZone: string;
  readonly eta: string | null;
  readonly window: TimeWindow | null;
  /** Why a delivery failed: one of the `FAILURE_REASONS`, or null. */
  readonly reason: FailureReason | null;
  readonly trackingUrl: string | null;
  /** Stops all notifications of the organisation to this customer; null without an email address. */
  readonly unsubscribeUrl: string | null;
}

/** One message to one customer, in channel-neutral terms: each channel renders it its own way. */
export interface NotificationMessage {
  readonly template: NotificationTemplate;
  /** The address in the channel's terms: an email address, a phone number, a device token. */
  readonly recipient: string;
  readonly facts: NotificationFacts;
}

/**
 * A way to reach customers (email now; SMS or push implement the same). A channel picks its
 * address from the customer and renders the template itself.
 */
export interface NotificationChannel {
  /** Stored with each notification: `email`, `sms`, ... */
  readonly name: string;
  /** Why the channel cannot send at all (not configured), or null when it can. */
  readonly unavailableReason: string | null;
  /** The customer's address on this channel, or null when there is none. */
  recipientOf(customer: OrderDto["customer"]): string | null;
  /** Sends; rejects when the message was not accepted (it is retried). */
  send(message: NotificationMessage): Promise<void>;
}
