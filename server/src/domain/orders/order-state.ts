import type {
  FailureReason,
  OrderStatus,
  Place,
  ReturnReason,
  StopKind,
  StopOutcome,
  StopPurpose,
  StopStatus,
  TimeWindow,
} from "@waybill/shared";

/** What the status machine needs to know of an order. */
export interface OrderState {
  readonly id: string;
  readonly status: OrderStatus;
  /** Delivery attempts that ended, succeeded or failed. */
  readonly attempts: number;
  readonly deliveredAt: Date | null;
  readonly returnReason: ReturnReason | null;
  /** An open exception (delay, incident): the customer sees the `exception` milestone. */
  readonly exception: string | null;
  /** The customer's rating after delivery, given once. */
  readonly feedback: CustomerFeedback | null;
  readonly destination: Place;
  readonly origin: Place | null;
  readonly timeWindows: readonly TimeWindow[];
  readonly serviceTimeS: number;
}

/** A customer's rating (1-5) and comment after delivery. */
export interface CustomerFeedback {
  readonly rating: number;
  readonly comment: string | null;
  /** ISO-8601. */
  readonly at: string;
}

/** What the status machine needs to know of a stop. */
export interface StopState {
  readonly id: string;
  readonly kind: StopKind;
  readonly purpose: StopPurpose;
  readonly status: StopStatus;
  readonly outcome: StopOutcome | null;
  readonly failureReason: FailureReason | null;
  readonly failureNote: string | null;
  readonly place: Place;
  readonly timeWindows: readonly TimeWindow[];
  readonly serviceTimeS: number;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly sequence: number | null;
  /** When the plan it was assigned from expects the vehicle there. */
  readonly plannedArrivalAt: Date | null;
  readonly arrivedAt: Date | null;
  readonly completedAt: Date | null;
}

/** An order with its stops: the unit every transition is checked and applied on. */
export interface OrderAggregate {
  readonly order: OrderState;
  readonly stops: readonly StopState[];
}

/** One entry of the append-only timeline, before the service stamps time and actor on it. */
export interface TimelineEntry {
  readonly type:
    | "order.created"
    | "order.status_changed"
    | "stop.created"
    | "stop.status_changed"
    | "stop.assigned"
    | "return.requested"
    | "proof.recorded"
    | "feedback.received"
    | "milestone.changed"
    | "exception.raised"
    | "exception.cleared";
  readonly stopId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly cause: string | null;
  readonly data: Readonly<Record<string, unknown>> | null;
}

/** The outcome of a command: the new aggregate and what happened, in order. */
export interface Transition {
  readonly next: OrderAggregate;
  readonly timeline: readonly TimelineEntry[];
}

/** The delivery stop of an order that is still to be served, if any. */
export const openDeliveryStop = (aggregate: OrderAggregate): StopState | undefined =>
  aggregate.stops.find(
    (stop) => stop.kind === "delivery" && stop.status !== "completed" && stop.status !== "cancelled",
  );

/** The return pickup still to be served, if any. */
export const openReturnStop = (aggregate: OrderAggregate): StopState | undefined =>
  aggregate.stops.find(
    (stop) => stop.purpose === "return_pickup" && stop.status !== "completed" && stop.status !== "cancelled",
  );
