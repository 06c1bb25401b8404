import type {
  FailureReason,
  OrderStatus,
  ReturnReason,
  StopOutcome,
  StopStatus,
  TimeWindow,
} from "@waybill/shared";
import { canOrderBecome, canStopBecome, isOpenStop, TransitionError } from "./lifecycle";
import {
  type CustomerFeedback,
  type OrderAggregate,
  type OrderState,
  openReturnStop,
  type StopState,
  type TimelineEntry,
  type Transition,
} from "./order-state";

/** What every command needs besides the aggregate: the clock and a way to name new stops. */
export interface CommandContext {
  readonly now: Date;
  readonly newStopId: () => string;
}

/**
 * Applies changes to an aggregate and records each in the timeline; refuses illegal transitions
 * with a {@link TransitionError}. One instance per command.
 */
class Changes {
  private order: OrderState;
  private readonly stops: StopState[];
  readonly timeline: TimelineEntry[] = [];

  constructor(aggregate: OrderAggregate) {
    this.order = aggregate.order;
    this.stops = [...aggregate.stops];
  }

  get current(): OrderAggregate {
    return { order: this.order, stops: this.stops };
  }

  orderTo(status: OrderStatus, cause: string | null, patch: Partial<OrderState> = {}): void {
    const from = this.order.status;
    if (!canOrderBecome(from, status)) throw new TransitionError("order", this.order.id, from, status);
    this.order = { ...this.order, ...patch, status };
    this.timeline.push({ type: "order.status_changed", stopId: null, from, to: status, cause, data: null });
  }

  patchOrder(patch: Partial<OrderState>): void {
    this.order = { ...this.order, ...patch };
  }

  stop(stopId: string): StopState {
    const stop = this.stops.find((candidate) => candidate.id === stopId);
    if (!stop) throw new Error(`stop ${stopId} is not part of order ${this.order.id}`);
    return stop;
  }

  stopTo(stopId: string, status: StopStatus, cause: string | null, patch: Partial<StopState> = {}): void {
    const stop = this.stop(stopId);
    if (!canStopBecome(stop.status, status)) throw new TransitionError("stop", stopId, stop.status, status);
    this.replaceStop({ ...stop, ...patch, status });
    const data = patch.outcome
      ? { outcome: patch.outcome, failureReason: patch.failureReason ?? null }
      : null;
    this.timeline.push({ type: "stop.status_changed", stopId, from: stop.status, to: status, cause, data });
  }

  replaceStop(stop: StopState): void {
    this.stops[this.stops.findIndex((candidate) => candidate.id === stop.id)] = stop;
  }

  addStop(stop: StopState, cause: string | null): void {
    this.stops.push(stop);
    this.timeline.push({
      type: "stop.created",
      stopId: stop.id,
      from: null,
      to: stop.status,
      cause,
      data: { kind: stop.kind, purpose: stop.purpose },
    });
  }

  note(entry: TimelineEntry): void {
    this.timeline.push(entry);
  }

  done(): Transition {
    return { next: this.current, timeline: this.timeline };
  }
}

/** The new order's delivery stop, unassigned. */
export function firstDeliveryStop(order: OrderState, stopId: string): StopState {
  return {
    id: stopId,
    kind: "delivery",
    purpose: "delivery",
    status: "unassigned",
    outcome: null,
    failureReason: null,
    failureNote: null,
    place: order.destination,
    timeWindows: order.timeWindows,
    serviceTimeS: order.serviceTimeS,
    vehicleId: null,
    driverId: null,
    sequence: null,
    plannedArrivalAt: null,
    arrivedAt: null,
    completedAt: null,
  };
}

/** A new order in `received`, with its delivery stop. */
export function createOrder(order: OrderState, context: CommandContext, cause: string | null): Transition {
  const received: OrderState = { ...order, status: "received" };
  const changes = new Changes({ order: received, stops: [] });
  changes.note({ type: "order.created", stopId: null, from: null, to: "received", cause, data: null });
  changes.addStop(firstDeliveryStop(received, context.newStopId()), null);
  return changes.done();
}

/**
 * The order system's own transitions: `ready` (picked and packed) or `cancelled`. Cancelling
 * cancels the stops still open; an order already on a vehicle cannot be cancelled.
 */
export function setOrderStatus(
  aggregate: OrderAggregate,
  status: "ready" | "cancelled",
  cause: string | null,
): Transition {
  const changes = new Changes(aggregate);
  if (status === "ready") {
    changes.orderTo("ready", cause);
    return changes.done();
  }
  const { order } = aggregate;
  if (!canOrderBecome(order.status, "cancelled"))
    throw new TransitionError(
      "order",
      order.id,
      order.status,
      "cancelled",
      order.status === "out_for_delivery"
        ? "the goods are on a vehicle: fail or complete the stop first"
        : undefined,
    );
  for (const stop of aggregate.stops)
    if (isOpenStop(stop.status)) changes.stopTo(stop.id, "cancelled", cause);
  changes.orderTo("cancelled", cause);
  return changes.done();
}

/** Where a dispatcher or the planner puts a stop. */
export interface Assignment {
  readonly vehicleId: string;
  readonly driverId: string | null;
  readonly sequence: number | null;
  /** From a plan: when the vehicle is expected there. */
  readonly plannedArrivalAt?: Date | null;
}

/**
 * Puts a stop on a vehicle's route (or moves it within or between routes). A delivery stop's
 * order becomes `planned`; an order must be `ready` (or failed, for another attempt) first.
 */
export function assignStop(aggregate: OrderAggregate, stopId: string, assignment: Assignment): Transition {
  const changes = new Changes(aggregate);
  const stop = changes.stop(stopId);
  const order = aggregate.order;
  if (stop.purpose !== "return_pickup" && stop.status === "unassigned" && order.status !== "planned") {
    if (!canOrderBecome(order.status, "planned"))
      throw new TransitionError(
        "order",
        order.id,
        order.status,
        "planned",
        order.status === "received" ? "it must be ready (picked and packed) before it is planned" : undefined,
      );
  }
  const placement = {
    vehicleId: assignment.vehicleId,
    driverId: assignment.driverId,
    sequence: assignment.sequence,
    plannedArrivalAt: assignment.plannedArrivalAt ?? null,
  };
  if (stop.status === "unassigned") changes.stopTo(stopId, "assigned", null, placement);
  else if (stop.status === "assigned" || stop.status === "en_route") {
    changes.replaceStop({ ...stop, ...placement, status: "assigned" });
    changes.note({
      type: "stop.assigned",
      stopId,
      from: stop.vehicleId,
      to: assignment.vehicleId,
      cause: "moved",
      data: { sequence: assignment.sequence },
    });
  } else throw new TransitionError("stop", stopId, stop.status, "assigned");
  if (stop.purpose !== "return_pickup" && order.status !== "planned" && order.status !== "out_for_delivery")
    changes.orderTo("planned", null);
  return changes.done();
}

/** Takes a stop off its route; a planned order goes back to `ready`. */
export function unassignStop(aggregate: OrderAggregate, stopId: string, cause: string | null): Transition {
  const changes = new Changes(aggregate);
  changes.stopTo(stopId, "unassigned", cause, {
    vehicleId: null,
    driverId: null,
    sequence: null,
    plannedArrivalAt: null,
  });
  const stop = changes.stop(stopId);
  if (stop.purpose !== "return_pickup" && aggregate.order.status === "planned")
    changes.orderTo("ready", cause);
  return changes.done();
}

/** What a driver (or stop detection) reports about a stop. */
export type StopReport =
  | { readonly status: "en_route" }
  /** `at`: when the vehicle got there, if known better than now (stop detection reports it late). */
  | { readonly status: "arrived"; readonly at?: Date }
  | { readonly status: "completed"; readonly outcome: "succeeded" }
  | {
      readonly status: "completed";
      readonly outcome: "failed";
      readonly failureReason: FailureReason;
      readonly note: string | null;
    };

/**
 * Execution of a stop, and what it means for the order: leaving for a delivery puts the order
 * `out_for_delivery`; completing it delivers or fails the order; a completed return pickup
 * returns it.
 */
export function reportStop(
  aggregate: OrderAggregate,
  stopId: string,
  report: StopReport,
  context: Pick<CommandContext, "now">,
  cause: string | null,
): Transition {
  const changes = new Changes(aggregate);
  const stop = changes.stop(stopId);
  const { now } = context;
  const isDelivery = stop.kind === "delivery";
  const order = aggregate.order;
  if (report.status === "completed") {
    const outcome: StopOutcome = report.outcome;
    const failure =
      report.outcome === "failed"
        ? { failureReason: report.failureReason, failureNote: report.note }
        : { failureReason: null, failureNote: null };
    if (isDelivery && order.status === "planned") changes.orderTo("out_for_delivery", "stop completed");
    changes.stopTo(stopId, "completed", cause, {
      outcome,
      ...failure,
      completedAt: now,
      arrivedAt: stop.arrivedAt ?? now,
    });
    if (isDelivery) {
      const attempts = order.attempts + 1;
      if (outcome === "succeeded") changes.orderTo("delivered", cause, { attempts, deliveredAt: now });
      else
        changes.orderTo("delivery_failed", report.outcome === "failed" ? report.failureReason : cause, {
          attempts,
        });
    } else if (stop.purpose === "return_pickup" && outcome === "succeeded") {
      changes.orderTo("returned", "return collected");
    }
    return changes.done();
  }
  changes.stopTo(
    stopId,
    report.status,
    cause,
    report.status === "arrived" ? { arrivedAt: report.at ?? now } : {},
  );
  if (isDelivery && order.status === "planned") changes.orderTo("out_for_delivery", cause);
  return changes.done();
}

/**
 * A return of a delivered order: a pickup stop at the customer's address, whose goods go back to
 * the order's origin (the depot). Completing it makes the order `returned`.
 */
export function requestReturn(
  aggregate: OrderAggregate,
  request: {
    readonly reason: ReturnReason;
    readonly note: string | null;
    readonly timeWindows: readonly TimeWindow[];
  },
  context: CommandContext,
): Transition {
  const { order } = aggregate;
  if (order.status !== "delivered")
    throw new TransitionError(
      "order",
      order.id,
      order.status,
      "returned",
      "only a delivered order can be returned",
    );
  if (openReturnStop(aggregate))
    throw new TransitionError("order", order.id, order.status, "returned", "a return is already under way");
  const changes = new Changes(aggregate);
  changes.patchOrder({ returnReason: request.reason });
  changes.note({
    type: "return.requested",
    stopId: null,
    from: null,
    to: null,
    cause: request.reason,
    data: request.note ? { note: request.note } : null,
  });
  changes.addStop(
    {
      ...firstDeliveryStop(order, context.newStopId()),
      kind: "pickup",
      purpose: "return_pickup",
      timeWindows: request.timeWindows,
    },
    request.reason,
  );
  return changes.done();
}

/** Another delivery attempt after a failure: the order is `ready` again with a new delivery stop. */
export function rescheduleDelivery(
  aggregate: OrderAggregate,
  timeWindows: readonly TimeWindow[] | null,
  context: CommandContext,
  cause: string | null,
): Transition {
  const changes = new Changes(aggregate);
  const windows = timeWindows ?? aggregate.order.timeWindows;
  changes.orderTo("ready", cause ?? "rescheduled", { timeWindows: windows });
  changes.addStop(
    {
      ...firstDeliveryStop(aggregate.order, context.newStopId()),
      purpose: "redelivery",
      timeWindows: windows,
    },
    "rescheduled",
  );
  return changes.done();
}

/** Gives up after a failed delivery: the goods go back to the sender. */
export function returnToSender(aggregate: OrderAggregate, cause: string | null): Transition {
  const changes = new Changes(aggregate);
  if (aggregate.order.status !== "delivery_failed")
    throw new TransitionError(
      "order",
      aggregate.order.id,
      aggregate.order.status,
      "returned",
      "only a failed delivery goes back to the sender this way; delivered orders use a return request",
    );
  changes.orderTo("returned", cause ?? "returned to sender");
  return changes.done();
}

/** The customer's feedback after delivery: once, and only on a delivered (or since returned) order. */
export function recordFeedback(aggregate: OrderAggregate, feedback: CustomerFeedback): Transition {
  const { order } = aggregate;
  if (order.deliveredAt === null)
    throw new TransitionError(
      "order",
      order.id,
      order.status,
      "rated",
      "feedback opens once the order is delivered",
    );
  if (order.feedback)
    throw new TransitionError("order", order.id, order.status, "rated", "feedback was already given");
  const changes = new Changes(aggregate);
  changes.patchOrder({ feedback });
  changes.note({
    type: "feedback.received",
    stopId: null,
    from: null,
    to: null,
    cause: null,
    data: { rating: feedback.rating, comment: feedback.comment },
  });
  return changes.done();
}

/**
 * The vehicle carrying a planned order left for its route: the order is out for delivery (its
 * stop stays assigned until the vehicle heads for it).
 */
export function departWithVehicle(aggregate: OrderAggregate, cause: string | null): Transition {
  const changes = new Changes(aggregate);
  if (aggregate.order.status === "planned") changes.orderTo("out_for_delivery", cause ?? "vehicle departed");
  return changes.done();
}

/**
 * Raises an exception on the order (a delay, an incident: customers see the `exception`
 * milestone) or clears it (null). Raising the same exception again changes nothing.
 */
export function setException(
  aggregate: OrderAggregate,
  exception: string | null,
  cause: string | null,
): Transition {
  const changes = new Changes(aggregate);
  const current = aggregate.order.exception;
  if (current === exception) return changes.done();
  changes.patchOrder({ exception });
  changes.note({
    type: exception ? "exception.raised" : "exception.cleared",
    stopId: null,
    from: current,
    to: exception,
    cause,
    data: null,
  });
  return changes.done();
}
