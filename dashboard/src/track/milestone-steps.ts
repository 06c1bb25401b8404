import type { TrackingMilestone } from "@waybill/shared";

/** The steps of a delivery as the customer's stepper shows them, in order. */
export const STEP_LABELS = ["Ordered", "On its way", "Out for delivery", "Arriving", "Delivered"] as const;

const LAST_STEP = STEP_LABELS.length - 1;

/** How a milestone is coloured: under way, done, needs attention (delay, return), or stopped. */
export type MilestoneTone = "progress" | "success" | "attention" | "stopped";

/** The headline of a milestone and what happens next, in the customer's words. */
export interface MilestoneCopy {
  /** Short name, for the headline and the history. */
  readonly label: string;
  /** What is going on and what happens next. */
  readonly detail: string;
  readonly tone: MilestoneTone;
}

const COPY: Record<TrackingMilestone, MilestoneCopy> = {
  pre_transit: {
    label: "Order received",
    detail: "The sender is preparing your parcel. This page updates when it is on its way.",
    tone: "progress",
  },
  in_transit: {
    label: "On its way",
    detail: "Your parcel has left the sender and is planned for delivery.",
    tone: "progress",
  },
  out_for_delivery: {
    label: "Out for delivery",
    detail: "Your parcel is on the delivery van and will arrive in your delivery window.",
    tone: "progress",
  },
  arriving: {
    label: "Arriving soon",
    detail: "The driver is on the way to you now. Please be ready to receive your parcel.",
    tone: "progress",
  },
  delivered: {
    label: "Delivered",
    detail: "If you cannot find your parcel, contact the sender.",
    tone: "success",
  },
  delivery_failed: {
    label: "Delivery attempt failed",
    detail:
      "We could not deliver your parcel. The sender will arrange another attempt or contact you; the new delivery window will show here.",
    tone: "stopped",
  },
  return_to_sender: {
    label: "Returning to the sender",
    detail: "Your parcel is on its way back to the sender. Contact them about a new delivery or a refund.",
    tone: "attention",
  },
  cancelled: {
    label: "Delivery cancelled",
    detail:
      "This delivery was cancelled and will not be made. Contact the sender if you did not expect this.",
    tone: "stopped",
  },
  exception: {
    label: "Delayed",
    detail:
      "Something is holding up your delivery. We are working on it, and this page updates as soon as there is news.",
    tone: "attention",
  },
};

const STEP_OF: Partial<Record<TrackingMilestone, number>> = {
  pre_transit: 0,
  in_transit: 1,
  out_for_delivery: 2,
  arriving: 3,
  delivered: 4,
};

/** The state of one step of the stepper. `halted`: the step the delivery stopped short of. */
export type StepState = "done" | "current" | "upcoming" | "halted";

/**
 * Headline, next steps and tone of a milestone.
 *
 * @example
 * copyOf("delivery_failed").tone; // "stopped"
 */
export function copyOf(milestone: TrackingMilestone): MilestoneCopy {
  return COPY[milestone];
}

/**
 * The state of each of the {@link STEP_LABELS}. On the regular path the milestone's own step is
 * current. Off it (delay, failure, return, cancellation) the last step reached in the history is
 * where the delivery stands; a failure or return marks "Delivered" as halted, a cancellation the
 * step that would have come next. A return after delivery keeps every step done.
 *
 * @example
 * stepStates("delivery_failed", ["pre_transit", "in_transit", "arriving", "delivery_failed"]);
 * // ["done", "done", "done", "done", "halted"]
 */
export function stepStates(
  milestone: TrackingMilestone,
  history: readonly TrackingMilestone[],
): readonly StepState[] {
  const own = STEP_OF[milestone];
  const reached = own ?? Math.max(0, ...history.map((entry) => STEP_OF[entry] ?? 0));
  const stopped = own === undefined && milestone !== "exception";
  const halted =
    !stopped || reached === LAST_STEP ? null : milestone === "cancelled" ? reached + 1 : LAST_STEP;
  return STEP_LABELS.map((_, index): StepState => {
    if (index === halted) return "halted";
    if (index < reached) return "done";
    if (index === reached) return stopped ? "done" : "current";
    return "upcoming";
  });
}
