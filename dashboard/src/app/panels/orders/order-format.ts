import type { OrderDto, OrderStatus, TimelineEventDto } from "@waybill/shared";
import { formatClock, formatWindow } from "../time-format";

/** Colour family of a status chip (see `.chip[data-tone]` in panels.css). */
export type ChipTone = "neutral" | "info" | "progress" | "success" | "danger" | "muted";

/** Label and chip tone of every order status. */
export const ORDER_STATUS_META: Readonly<Record<OrderStatus, { label: string; tone: ChipTone }>> = {
  received: { label: "Received", tone: "neutral" },
  ready: { label: "Ready", tone: "info" },
  planned: { label: "Planned", tone: "info" },
  out_for_delivery: { label: "Out for delivery", tone: "progress" },
  delivered: { label: "Delivered", tone: "success" },
  delivery_failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "muted" },
  returned: { label: "Returned", tone: "muted" },
};

/** Statuses from which a dispatcher may set each manual status (the order status machine's edges). */
const MANUAL_FROM: Readonly<Record<"ready" | "cancelled", readonly OrderStatus[]>> = {
  ready: ["received", "planned", "delivery_failed"],
  cancelled: ["received", "ready", "planned", "delivery_failed"],
};

/** True when the dispatcher may set `target` on an order in `status`. */
export function canSetStatus(status: OrderStatus, target: "ready" | "cancelled"): boolean {
  return MANUAL_FROM[target].includes(status);
}

/**
 * What the list says about when an order arrives: the live ETA, else the first promised window,
 * on the order's clock.
 *
 * @example
 * arrivalText(order); // "ETA 10:20" or "23 Nov, 08:00–12:00" or "No window"
 */
export function arrivalText(order: Pick<OrderDto, "eta" | "timeWindows" | "timeZone">): string {
  if (order.eta !== null) return `ETA ${formatClock(order.eta, order.timeZone)}`;
  const window = order.timeWindows[0];
  return window ? formatWindow(window, order.timeZone) : "No window";
}

/**
 * An ETA's confidence (0-1) in words.
 *
 * @example
 * confidenceText(0.9); // "high confidence"
 */
export function confidenceText(confidence: number): string {
  if (confidence >= 0.8) return "high confidence";
  return confidence >= 0.5 ? "medium confidence" : "low confidence";
}

/**
 * One timeline entry as a sentence: what changed, from and to, and why.
 *
 * @example
 * timelineText({ type: "order.status_changed", from: "received", to: "ready", cause: null, ... });
 * // "Order: received → ready"
 */
export function timelineText(event: Pick<TimelineEventDto, "type" | "from" | "to" | "cause">): string {
  const [subject = "", fact = ""] = event.type.split(".");
  const what = `${capitalise(subject)}${fact && fact !== "status_changed" ? ` ${words(fact)}` : ""}`;
  const change =
    event.from !== null && event.to !== null
      ? `${words(event.from)} → ${words(event.to)}`
      : words(event.to ?? "");
  const text = change === "" ? what : `${what}: ${change}`;
  return event.cause ? `${text} (${words(event.cause)})` : text;
}

function words(slug: string): string {
  return slug.replaceAll("_", " ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
