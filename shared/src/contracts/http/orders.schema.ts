import { z } from "zod";
import type { TrackingMilestone } from "../events";

/** The order layer of the status model. */
export const ORDER_STATUSES = [
  "received",
  "ready",
  "planned",
  "out_for_delivery",
  "delivered",
  "delivery_failed",
  "cancelled",
  "returned",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The stop execution layer of the status model. */
export const STOP_STATUSES = [
  "unassigned",
  "assigned",
  "en_route",
  "arrived",
  "completed",
  "cancelled",
] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

export type StopKind = "delivery" | "pickup";
/** Why a stop exists: the first delivery, a later attempt, or collecting a return. */
export type StopPurpose = "delivery" | "redelivery" | "return_pickup";
export type StopOutcome = "succeeded" | "failed";

/** Why a delivery or pickup failed: a closed list, as drivers pick it on the phone. */
export const FAILURE_REASONS = [
  "customer_absent",
  "address_not_found",
  "refused",
  "damaged",
  "access_problem",
  "unsafe_location",
  "vehicle_problem",
  "out_of_time",
  "other",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Why a customer sends goods back; `wrong_item` and `damaged` count against order accuracy. */
export const RETURN_REASONS = [
  "wrong_item",
  "damaged",
  "not_as_described",
  "no_longer_needed",
  "other",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Channels every installation knows; an organisation may use other names (lowercase slugs). */
export const KNOWN_CHANNELS = ["web", "marketplace", "phone", "store", "api"] as const;

/** A place with coordinates (geocoding is not in scope: coordinates are required). */
export interface Place {
  readonly address: string;
  readonly lat: number;
  readonly lng: number;
}

/** A delivery window: ISO-8601 instants with the customer's offset. */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

export interface OrderItem {
  readonly sku: string;
  readonly description?: string;
  readonly quantity: number;
  readonly weightKg?: number;
  readonly volumeM3?: number;
}

const trimmed = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);

const PlaceBody = z.strictObject({
  address: trimmed(500),
  lat: z
    .number({ error: "latitude is required: addresses without coordinates are not accepted" })
    .min(-90)
    .max(90),
  lng: z
    .number({ error: "longitude is required: addresses without coordinates are not accepted" })
    .min(-180)
    .max(180),
});

/** ISO-8601 date-time; with an offset it is absolute, without one it is read in the order's time zone. */
const DateTimeText = z.iso.datetime({ offset: true, local: true, error: "must be an ISO-8601 date-time" });

const TimeWindowBody = z.strictObject({ start: DateTimeText, end: DateTimeText });

const ItemBody = z.strictObject({
  sku: trimmed(100),
  description: z.string().trim().max(500).optional(),
  quantity: z.number().int("must be a whole number").positive().max(100_000),
  weightKg: z.number().nonnegative().max(50_000).optional(),
  volumeM3: z.number().nonnegative().max(1_000).optional(),
});

const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/,
    "a lowercase name of 1-40 letters, digits, - or _ (web, marketplace, ...)",
  );

/** Body of `POST /api/v1/orders`. */
export const CreateOrderBody = z.strictObject({
  channel: Slug,
  externalRef: trimmed(120).optional(),
  customer: z.strictObject({
    name: trimmed(200),
    email: z.email("must be an email address").max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()./-]{5,32}$/, "must be a phone number")
      .optional(),
    notifications: z.boolean().optional(),
  }),
  destination: PlaceBody,
  origin: PlaceBody.optional(),
  /** IANA time zone of the customer (Europe/Monaco); windows without an offset are read in it. */
  timeZone: z.string().max(64).optional(),
  timeWindows: z.array(TimeWindowBody).max(10, "at most 10 windows").default([]),
  items: z.array(ItemBody).min(1, "an order has at least one item").max(500, "at most 500 items"),
  serviceTimeSeconds: z
    .number()
    .int()
    .min(0)
    .max(4 * 3600)
    .default(300),
  skills: z.array(Slug).max(20).default([]),
  priority: z.number().int().min(0).max(100).default(0),
  notes: z.string().trim().max(2000).optional(),
});
export type CreateOrderBody = z.input<typeof CreateOrderBody>;

/** Body of `POST /api/v1/orders/{id}/status`: the order system's own transitions. */
export const OrderStatusBody = z.strictObject({
  status: z.enum(["ready", "cancelled"], { error: "the order system sets only ready or cancelled" }),
  reason: z.string().trim().max(500).optional(),
});

/** Body of `POST /api/v1/orders/{id}/return`: the customer sends (some of) the goods back. */
export const ReturnRequestBody = z.strictObject({
  reason: z.enum(RETURN_REASONS),
  note: z.string().trim().max(2000).optional(),
  timeWindows: z.array(TimeWindowBody).max(10).default([]),
});

/** Body of `POST /api/v1/orders/{id}/reschedule`: another delivery attempt after a failure. */
export const RescheduleBody = z.strictObject({
  timeWindows: z.array(TimeWindowBody).max(10).optional(),
  note: z.string().trim().max(2000).optional(),
});

/** Body of `POST /api/v1/stops/{id}/status`: execution as the driver (or dispatch) reports it. */
export const StopStatusBody = z
  .strictObject({
    status: z.enum(["en_route", "arrived", "completed"]),
    outcome: z.enum(["succeeded", "failed"]).optional(),
    failureReason: z.enum(FAILURE_REASONS).optional(),
    note: z.string().trim().max(2000).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === "completed" && !body.outcome)
      ctx.addIssue({
        code: "custom",
        path: ["outcome"],
        message: "a completed stop needs succeeded or failed",
      });
    if (body.outcome === "failed" && !body.failureReason)
      ctx.addIssue({ code: "custom", path: ["failureReason"], message: "a failed stop needs a reason" });
    if (body.failureReason === "other" && !body.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "say what happened when the reason is other" });
  });

/** Body of `POST /api/v1/stops/{id}/assign`: a dispatcher puts a stop on a vehicle's route. */
export const AssignStopBody = z.strictObject({
  vehicleId: z.string().min(1),
  driverId: z.string().min(1).optional(),
  sequence: z.number().int().min(0).max(10_000).optional(),
});

/** Body of `POST /api/v1/track/{token}/feedback`. */
export const FeedbackBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

/** A stop as the API returns it. */
export interface StopDto {
  readonly id: string;
  readonly orderId: string;
  readonly kind: StopKind;
  readonly purpose: StopPurpose;
  readonly status: StopStatus;
  readonly outcome: StopOutcome | null;
  readonly failureReason: FailureReason | null;
  readonly failureNote: string | null;
  readonly place: Place;
  readonly timeWindows: readonly TimeWindow[];
  readonly serviceTimeSeconds: number;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly sequence: number | null;
  readonly plannedArrivalAt: string | null;
  /**
   * Live estimate of the arrival while the stop is open, with its confidence (0-1) and staleness,
   * and the vehicle's progress on its route when it was made (null where not measured): road
   * distance (metres) and driving time at the vehicle's pace (seconds) still ahead to this stop,
   * and the distance the vehicle had driven since tracking took its route (metres).
   */
  readonly eta: {
    readonly at: string;
    readonly confidence: number;
    readonly stale: boolean;
    readonly remainingM: number | null;
    readonly drivingS: number | null;
    readonly drivenM: number | null;
  } | null;
  readonly arrivedAt: string | null;
  readonly completedAt: string | null;
}

/** A stop as `GET /api/v1/stops` lists it: with its order's sales channel (the live map filters routes by channel). */
export interface RouteStopDto extends StopDto {
  readonly channel: string;
}

/** One entry of an order's timeline. */
export interface TimelineEventDto {
  readonly at: string;
  readonly type: string;
  readonly actor: { readonly kind: string; readonly id: string | null };
  readonly from: string | null;
  readonly to: string | null;
  readonly cause: string | null;
  readonly stopId: string | null;
  readonly data: Readonly<Record<string, unknown>> | null;
}

/** Proof of delivery as the API returns it: links to the files, served to whoever may see the order. */
export interface ProofDto {
  readonly stopId: string;
  readonly recipientName: string | null;
  readonly note: string | null;
  readonly position: { readonly lat: number; readonly lng: number } | null;
  readonly files: readonly { readonly id: string; readonly kind: string; readonly url: string }[];
  readonly createdAt: string;
}

/** An order as the API returns it. */
export interface OrderDto {
  readonly id: string;
  readonly channel: string;
  readonly externalRef: string | null;
  readonly status: OrderStatus;
  readonly milestone: TrackingMilestone;
  readonly customer: {
    readonly name: string;
    readonly email: string | null;
    readonly phone: string | null;
    readonly notifications: boolean;
  };
  readonly destination: Place;
  readonly origin: Place | null;
  readonly timeZone: string;
  readonly timeWindows: readonly TimeWindow[];
  readonly items: readonly OrderItem[];
  readonly serviceTimeSeconds: number;
  readonly skills: readonly string[];
  readonly priority: number;
  readonly notes: string | null;
  readonly attempts: number;
  readonly exception: string | null;
  /** Estimated arrival at the open stop; filled in by live tracking, null until then. */
  readonly eta: string | null;
  readonly trackingUrl: string | null;
  readonly feedback: { readonly rating: number; readonly comment: string | null; readonly at: string } | null;
  readonly receivedAt: string;
  readonly deliveredAt: string | null;
  readonly stops: readonly StopDto[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /api/v1/orders/{id}`: the order, its timeline and its proofs of delivery. */
export interface OrderDetailDto extends OrderDto {
  readonly timeline: readonly TimelineEventDto[];
  readonly proofs: readonly ProofDto[];
}

/** A page of a list: `nextCursor` fetches the next page, null at the end. */
export interface PageDto<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** What a customer's tracking link shows (`GET /api/v1/track/{token}`): this order alone, nothing of other customers or the driver. */
export interface TrackingViewDto {
  readonly reference: string;
  readonly milestone: TrackingMilestone;
  readonly destination: Place;
  readonly timeZone: string;
  readonly timeWindows: readonly TimeWindow[];
  readonly eta: string | null;
  readonly deliveredAt: string | null;
  readonly items: readonly { readonly description: string; readonly quantity: number }[];
  /** The milestones reached so far, oldest first. */
  readonly history: readonly { readonly at: string; readonly milestone: TrackingMilestone }[];
  readonly proofs: readonly ProofDto[];
  readonly feedback: OrderDto["feedback"];
  /** True once delivered and until feedback was given. */
  readonly feedbackOpen: boolean;
  readonly linkExpiresAt: string;
}

/** Kinds of incident a driver reports from the road. */
export const INCIDENT_KINDS = ["breakdown", "accident", "road_blocked", "other"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Body of `POST /api/v1/driver/shift`: the driver starts a shift on a vehicle. */
export const StartShiftBody = z.strictObject({ vehicleId: z.string().min(1).max(64) });

/** Body of `POST /api/v1/driver/incidents`. */
export const IncidentBody = z
  .strictObject({
    kind: z.enum(INCIDENT_KINDS),
    note: z.string().trim().max(2000).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .refine((body) => body.kind !== "other" || Boolean(body.note), {
    path: ["note"],
    message: "say what happened when the kind is other",
  });

/** A driver's shift. */
export interface ShiftDto {
  readonly id: string;
  readonly vehicleId: string;
  readonly vehicleName: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/** A stop on the driver's route, with what the driver needs at the door. */
export interface DriverStopDto extends StopDto {
  readonly order: {
    readonly reference: string;
    readonly customerName: string;
    readonly customerPhone: string | null;
    readonly notes: string | null;
    readonly items: readonly OrderItem[];
  };
}

/** `GET /api/v1/driver/route`: the driver's shift and today's stops in route order. */
export interface DriverRouteDto {
  readonly shift: ShiftDto | null;
  readonly stops: readonly DriverStopDto[];
}

/** The KPIs of a set of orders (`GET /api/v1/kpis`). Rates are fractions in [0, 1], null when nothing to measure. */
export interface KpiFigures {
  readonly orders: number;
  readonly delivered: number;
  readonly cancelled: number;
  /** Received -> delivered, hours: mean and 90th percentile (nearest rank). */
  readonly leadTimeHours: { readonly mean: number | null; readonly p90: number | null };
  /** Delivered inside a promised window / delivered orders that had one. */
  readonly onTimeRate: number | null;
  /** First attempt succeeded / orders with at least one attempt. */
  readonly firstAttemptSuccessRate: number | null;
  /** Delivered orders not returned for a wrong or damaged item / delivered orders. */
  readonly orderAccuracy: number | null;
  /** Delivered orders returned (for any reason) / delivered orders. */
  readonly returnRate: number | null;
}

/** `GET /api/v1/kpis`: overall, per channel and per day (YYYY-MM-DD, the local date the order was received). */
export interface KpiReport {
  readonly overall: KpiFigures;
  readonly byChannel: Readonly<Record<string, KpiFigures>>;
  readonly byDay: Readonly<Record<string, KpiFigures>>;
}
