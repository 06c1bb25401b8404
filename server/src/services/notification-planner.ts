import type { OrderDto } from "@waybill/shared";
import type { NotificationPlanStore } from "../adapters/db/repositories/notification.repository";
import type { OutboxEvent } from "../adapters/db/repositories/outbox-consumer.repository";
import type { EtaRuleSettings } from "../domain/notifications/eta-rule";
import type { NotificationChannel, NotificationFacts } from "../domain/notifications/notification-message";
import {
  decideNotification,
  type NotifiableEvent,
  type NotificationDecision,
  suppressionReason,
} from "../domain/notifications/notification-rules";
import type { UnsubscribeService } from "./notification-unsubscribe";

/**
 * Turns one business event into customer notifications, one per channel: the rules decide which
 * message (if any); it is queued, or logged as skipped with the reason (no notifications wanted,
 * unsubscribed, no address, channel not set up).
 */
export class NotificationPlanner {
  constructor(
    private readonly channels: readonly NotificationChannel[],
    private readonly unsubscribe: UnsubscribeService,
    private readonly settings: EtaRuleSettings,
  ) {}

  async plan(event: OutboxEvent, store: NotificationPlanStore, now: Date): Promise<void> {
    if (!isAboutAnOrder(event)) return;
    const { order } = event.data;
    for (const channel of this.channels) {
      const history = await store.etaHistory(order.id, channel.name);
      const decision = decideNotification(event, history, this.settings, now.getTime());
      if (!decision) continue;
      const recipient = channel.recipientOf(order.customer);
      const optedOut =
        order.customer.email !== null && (await store.isOptedOut(event.organisationId, order.customer.email));
      const reason = suppressionReason(order, {
        optedOut,
        recipient,
        channelUnavailable: channel.unavailableReason,
      });
      await store.insert({
        organisationId: event.organisationId,
        orderId: order.id,
        eventId: event.id,
        template: decision.template,
        channel: channel.name,
        recipient,
        dedupeKey: decision.dedupeKey,
        status: reason === null ? "queued" : "skipped",
        reason,
        facts: this.factsOf(event.organisationId, order, decision),
        toldEtaAt: reason === null && decision.eta ? new Date(decision.eta) : null,
        at: now,
      });
    }
  }

  private factsOf(
    organisationId: string,
    order: OrderDto,
    decision: NotificationDecision,
  ): NotificationFacts {
    return {
      customerName: order.customer.name,
      orderReference: order.externalRef ?? order.id,
      address: order.destination.address,
      timeZone: order.timeZone,
      eta: decision.eta,
      window: decision.window,
      reason: decision.reason,
      trackingUrl: order.trackingUrl,
      unsubscribeUrl: order.customer.email
        ? this.unsubscribe.linkFor({ organisationId, email: order.customer.email })
        : null,
    };
  }
}

/** Order events carry the order's snapshot in `data.order`; others are not for customers. */
function isAboutAnOrder(event: OutboxEvent): event is OutboxEvent & NotifiableEvent {
  const order = event.data.order as OrderDto | undefined;
  return event.orderId !== null && typeof order === "object" && order !== null;
}
