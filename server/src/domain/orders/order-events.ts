import type { EventType } from "@waybill/shared";
import { milestoneOf } from "./milestone";
import type { OrderAggregate, TimelineEntry, Transition } from "./order-state";

/** A business event a transition causes, before the service gives it an id and the order's snapshot. */
export interface EventDraft {
  readonly type: EventType;
  readonly stopId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The timeline of a transition with the milestone change appended when the public milestone
 * moved: customers and webhooks see milestones, so each change is recorded once, here.
 */
export function withMilestone(before: OrderAggregate | null, transition: Transition): TimelineEntry[] {
  const from = before ? milestoneOf(before) : null;
  const to = milestoneOf(transition.next);
  if (from === to) return [...transition.timeline];
  return [
    ...transition.timeline,
    { type: "milestone.changed", stopId: null, from, to, cause: null, data: null },
  ];
}

/** The business events of timeline entries, in order (webhooks and notifications listen to those). */
export function eventsOf(timeline: readonly TimelineEntry[]): EventDraft[] {
  const drafts: EventDraft[] = [];
  for (const entry of timeline) {
    if (entry.type === "order.created") drafts.push({ type: "order.created", stopId: null, data: {} });
    else if (entry.type === "order.status_changed")
      drafts.push({
        type: "order.status_changed",
        stopId: null,
        data: { from: entry.from, to: entry.to, cause: entry.cause },
      });
    else if (entry.type === "milestone.changed")
      drafts.push({
        type: "shipment.milestone_changed",
        stopId: null,
        data: { from: entry.from, to: entry.to },
      });
    else if (entry.type === "feedback.received")
      drafts.push({ type: "order.feedback_received", stopId: null, data: entry.data ?? {} });
    else if (entry.type === "stop.status_changed" && entry.stopId) {
      const data = { from: entry.from, to: entry.to, cause: entry.cause };
      drafts.push({ type: "stop.status_changed", stopId: entry.stopId, data });
      if (entry.to === "arrived") drafts.push({ type: "stop.arrived", stopId: entry.stopId, data });
      if (entry.to === "completed")
        drafts.push({
          type: entry.data?.outcome === "failed" ? "stop.failed" : "stop.completed",
          stopId: entry.stopId,
          data,
        });
    }
  }
  return drafts;
}
