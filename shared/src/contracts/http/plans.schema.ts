import { z } from "zod";
import type { LineStringGeometry } from "../../geo";

const LatLng = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day HH:mm");

/** A vehicle the planner may use, with its shift and capacity. */
export const PlanVehicleBody = z.strictObject({
  vehicleId: z.string().min(1).max(64),
  driverId: z.string().min(1).max(64).optional(),
  start: LatLng,
  /** Where the route ends; omitted: back at the start. */
  end: LatLng.optional(),
  /** Working hours on the plan's date, in its time zone. */
  shift: z.strictObject({ start: ClockTime, end: ClockTime }),
  capacity: z
    .strictObject({
      weightKg: z.number().positive().optional(),
      volumeM3: z.number().positive().optional(),
      units: z.number().int().positive().optional(),
    })
    .default({}),
  skills: z.array(z.string().max(40)).max(20).default([]),
  maxDurationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
  /** Route length limit, kilometres. */
  maxDistanceKm: z.number().positive().max(5000).optional(),
  /** Breaks the driver takes once the vehicle is used: starting within [start, end], lasting the minutes. */
  breaks: z
    .array(
      z.strictObject({
        start: ClockTime,
        end: ClockTime,
        durationMinutes: z.number().int().min(1).max(240),
      }),
    )
    .max(4, "at most 4 breaks")
    .default([]),
  costs: z
    .strictObject({
      fixed: z.number().min(0).optional(),
      perHour: z.number().min(0).optional(),
      perKm: z.number().min(0).optional(),
    })
    .optional(),
});

/** Body of `POST /api/v1/plans`. */
export const CreatePlanBody = z.strictObject({
  /** The day the routes are driven, YYYY-MM-DD in `timeZone`. */
  date: z.iso.date(),
  timeZone: z.string().max(64).default("UTC"),
  /** Stops to plan; omitted: every unassigned stop of an order that is ready (or to retry) and every open return pickup. */
  stopIds: z.array(z.string().min(1)).min(1).max(2000).optional(),
  vehicles: z.array(PlanVehicleBody).min(1, "give at least one vehicle").max(200),
  /** `distance`: least distance (cost); `vehicles`: fewest vehicles first, then distance. */
  objective: z.enum(["distance", "vehicles"]).default("distance"),
  timeLimitSeconds: z.number().min(0.1).max(600).default(10),
  /**
   * A fixed search budget instead of the time limit: with the same seed, the same stops and
   * vehicles give the same plan on any machine, however loaded (the time limit still stops it).
   */
  iterations: z.number().int().min(1).max(10_000_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});
export type CreatePlanBody = z.input<typeof CreatePlanBody>;

/** Body of `POST /api/v1/plans/{id}/move`: a dispatcher moves a stop by hand. */
export const MovePlanStopBody = z.strictObject({
  stopId: z.string().min(1),
  /** The route to put it on; null takes it out of every route. */
  vehicleId: z.string().min(1).nullable(),
  /** Position in that route (0 = first); past the end appends. */
  index: z.number().int().min(0).default(0),
});

export const PLAN_STATUSES = ["running", "succeeded", "failed", "cancelled", "applied"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Load on board per dimension. */
export interface LoadDto {
  readonly weightKg: number;
  readonly volumeM3: number;
  readonly units: number;
}

/** A stop in a planned route, with its schedule and anything wrong with it. */
export interface PlannedStopDto {
  readonly stopId: string;
  readonly orderId: string;
  readonly kind: "delivery" | "pickup";
  readonly lat: number;
  readonly lng: number;
  readonly arrivalAt: string;
  /** When service starts (arrival plus waiting for the window). */
  readonly serviceAt: string;
  readonly departureAt: string;
  readonly waitS: number;
  /** Past the end of every window, seconds (0: in time). */
  readonly lateS: number;
  readonly load: LoadDto;
  /** Plain-language problems: a window missed, capacity exceeded, shift overrun. */
  readonly warnings: readonly string[];
}

/** One vehicle's route in a plan. */
export interface PlannedRouteDto {
  readonly vehicleId: string;
  readonly driverId: string | null;
  readonly startAt: string;
  readonly endAt: string;
  readonly distanceM: number;
  readonly durationS: number;
  readonly stops: readonly PlannedStopDto[];
  /** The driver's breaks as planned (at the stop before them). */
  readonly breaks?: readonly { readonly startAt: string; readonly endAt: string }[];
  /** The road geometry from the routing engine, start to end. */
  readonly geometry: LineStringGeometry | null;
  readonly warnings: readonly string[];
}

/** Progress of a running plan (also sent as `plan:progress` on the live channel). */
export interface PlanProgressDto {
  readonly planId: string;
  readonly elapsedMs: number;
  readonly iterations: number;
  readonly cost: number;
  readonly vehicles: number;
  readonly unassigned: number;
}

/** A plan as the API returns it. */
export interface PlanDto {
  readonly id: string;
  readonly status: PlanStatus;
  readonly date: string;
  readonly timeZone: string;
  readonly objective: "distance" | "vehicles";
  readonly timeLimitSeconds: number;
  /** The fixed search budget asked for, or null (the time limit alone). */
  readonly iterations: number | null;
  readonly progress: PlanProgressDto | null;
  readonly summary: {
    readonly distanceM: number;
    readonly durationS: number;
    readonly vehicles: number;
    readonly unassigned: number;
  } | null;
  readonly routes: readonly PlannedRouteDto[];
  readonly unassigned: readonly {
    readonly stopId: string;
    readonly orderId: string;
    /**
     * Why it is not planned: `no_vehicle_with_skills`, `demand_exceeds_capacity`,
     * `time_window_unreachable`, `max_duration`, `max_distance`, `fleet_exhausted` (the planner's),
     * `address_not_near_a_road` or `no_road_connection` (no vehicle can drive there and back).
     */
    readonly reason: string;
  }[];
  /** True once a dispatcher moved a stop by hand. */
  readonly edited: boolean;
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly appliedAt: string | null;
}
