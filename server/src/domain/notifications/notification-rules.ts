import type { EventType, FailureReason, OrderDto, TimeWindow, TrackingMilestone } from "@waybill/shared";
import { type EtaHistory, type EtaRuleSettings, shouldTellEta } from "./eta-rule";
import type { NotificationTemplate } from "./notification-message";

/** A business event as the notification rules read it: `data` as the order service writes it. */
export interface NotifiableEvent {
  readonly id: string;
  readonly type: EventType;
  readonly data: {
    readonly order: OrderDto;
    /** The new status or milestone of `*.status_changed` and `*.milestone_changed`. */
    readonly to?: string | null;
    readonly eta?: string | null;
    readonly promisedWindow?: TimeWindow | null;
    /** The contingency proposal a `shipment.rerouted` carries out. */
    readonly proposalId?: string;
  };
}

/** Which message an event calls for, and what makes it the same message as another. */
export interface NotificationDecision {
  readonly template: NotificationTemplate;
  /** Equal keys are the same news: an order gets each one once per channel. */
  readonly dedupeKey: string;
  /** The arrival time the message tells, ISO-8601, or null. */
  readonly eta: string | null;
  readonly window: TimeWindow | null;
  /** Why the delivery failed (`delivery_failed` only). */
  readonly reason: FailureReason | null;
}

const MILESTONE_TEMPLATES: Partial<Record<TrackingMilestone, NotificationTemplate>> = {
  out_for_delivery: "out_for_delivery",
  arriving: "arriving",
  delivered: "delivered",
  delivery_failed: "delivery_failed",
};

/**
 * The customer message an event calls for, or null: created and scheduled (planned) orders, the
 * milestones out for delivery, arriving, delivered and failed, delays, re-routes, and ETA changes
 * worth telling ({@link shouldTellEta}, only while the order is on its way). Messages that can
 * recur on a later delivery attempt are keyed by attempt, so each is told once per attempt. A
 * re-route is news of its own, told once per re-route whatever the ETA flood interval (it is the
 * new plan, not a drift); it starts that interval, so the ETA changes after it wait.
 *
 * @param nowAt when the decision is made, epoch ms (the ETA flood interval counts from it)
 * @example
 * decideNotification(orderCreatedEvent, { toldEtaAt: null, lastEtaNoticeAt: null }, settings, Date.now());
 * // { template: "order_created", dedupeKey: "order_created", eta: null, ... }
 */
export function decideNotification(
  event: NotifiableEvent,
  history: EtaHistory,
  settings: EtaRuleSettings,
  nowAt: number,
): NotificationDecision | null {
  const { order } = event.data;
  const template = templateOf(event);
  if (!template) return null;
  const eta = event.data.eta !== undefined || template === "rerouted" ? (event.data.eta ?? null) : order.eta;
  if (template === "eta_changed" && !etaWorthTelling(event, eta, history, settings, nowAt)) return null;
  return {
    template,
    dedupeKey: dedupeKeyOf(template, event),
    eta,
    window: windowOf(event),
    reason: template === "delivery_failed" ? lastFailureReason(order) : null,
  };
}

function templateOf(event: NotifiableEvent): NotificationTemplate | null {
  switch (event.type) {
    case "order.created":
      return "order_created";
    case "order.status_changed":
      return event.data.to === "planned" ? "order_scheduled" : null;
    case "shipment.milestone_changed":
      return MILESTONE_TEMPLATES[event.data.to as TrackingMilestone] ?? null;
    case "shipment.delayed":
      return "delayed";
    case "shipment.eta_updated":
      return "eta_changed";
    case "shipment.rerouted":
      return "rerouted";
    default:
      return null;
  }
}

function etaWorthTelling(
  event: NotifiableEvent,
  eta: string | null,
  history: EtaHistory,
  settings: EtaRuleSettings,
  nowAt: number,
): boolean {
  const onItsWay = event.data.order.status === "planned" || event.data.order.status === "out_for_delivery";
  return (
    onItsWay && eta !== null && shouldTellEta(Date.parse(eta), windowOf(event), history, settings, nowAt)
  );
}

/**
 * ETA changes are each their own news (the rule decides which); a re-route once per proposal
 * (an order with several stops moved hears of it once); the rest once, or once per attempt.
 */
function dedupeKeyOf(template: NotificationTemplate, event: NotifiableEvent): string {
  if (template === "eta_changed") return `${template}#${event.id}`;
  if (template === "rerouted") return `${template}#${event.data.proposalId ?? event.id}`;
  if (template === "order_created" || template === "delivered") return template;
  return `${template}#${event.data.order.attempts}`;
}

const windowOf = (event: NotifiableEvent): TimeWindow | null =>
  event.data.promisedWindow ?? event.data.order.timeWindows[0] ?? null;

function lastFailureReason(order: OrderDto): FailureReason | null {
  const failed = order.stops
    .filter((stop) => stop.outcome === "failed")
    .sort((a, b) => (a.completedAt ?? "").localeCompare(b.completedAt ?? ""));
  return failed.at(-1)?.failureReason ?? null;
}

/**
 * Why a decided message is not sent on a channel, or null to send it: the order asks for no
 * notifications, the customer unsubscribed, has no address on the channel, or the channel is not
 * set up.
 *
 * @example
 * suppressionReason(order, { optedOut: true, recipient: "a@b.example", channelUnavailable: null }); // "the customer unsubscribed"
 */
export function suppressionReason(
  order: OrderDto,
  circumstances: { optedOut: boolean; recipient: string | null; channelUnavailable: string | null },
): string | null {
  if (!order.customer.notifications) return "the order asks for no customer notifications";
  if (circumstances.optedOut) return "the customer unsubscribed";
  if (circumstances.recipient === null) return "the customer has no address on this channel";
  return circumstances.channelUnavailable;
}
