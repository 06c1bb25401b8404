/**
 * The input of the route planner: vehicles, jobs and pickup-and-delivery shipments over a travel
 * matrix. Locations are indices into the matrices; times are seconds from an origin the caller
 * chooses (the plan's midnight, say); amounts are vectors, one entry per capacity dimension
 * (weight, volume, units, ... in the same order for every vehicle and job).
 */

/** An inclusive interval of seconds in which service may start; arriving earlier means waiting. */
export type TimeWindow = readonly [startS: number, endS: number];

/**
 * Travel between the locations, row-major: cell (i, j) is at index `i * size + j`. Unreachable
 * cells are `Infinity`. Durations and distances may differ (road matrices) or be equal (Solomon).
 *
 * @example
 * const matrices = { size: 2, durationsS: [0, 60, 60, 0], distancesM: [0, 900, 900, 0] };
 */
export interface TravelMatrices {
  readonly size: number;
  readonly durationsS: ArrayLike<number>;
  readonly distancesM: ArrayLike<number>;
}

/** What a vehicle's route costs: per route used, per hour driven and per kilometre driven. */
export interface VehicleCosts {
  /** Added once when the vehicle is used. Default 0. */
  readonly fixed?: number;
  /** Per hour of travel (waiting and service are not costed). Default 0. */
  readonly perHour?: number;
  /** Per kilometre of travel. Default 1 when no cost is given, else 0. */
  readonly perKm?: number;
}

/** A break the driver must take once the vehicle is used: at the stop where it is, in a window. */
export interface VehicleBreak {
  readonly id: string;
  readonly timeWindows: readonly TimeWindow[];
  readonly durationS: number;
}

/** A stop of a job (`job`) or of either end of a shipment (`pickup`, `delivery`). */
export interface StopRef {
  readonly type: "job" | "pickup" | "delivery";
  readonly id: string;
}

/**
 * A vehicle already driving, for re-planning during the day: its route starts where it is now.
 * Delivery jobs in its route are on board already (their amounts count from here, not from a
 * depot); give them `vehicleIds: [this vehicle]` so that no other vehicle takes them.
 */
export interface VehicleOnRoad {
  /** Where the vehicle is (or will be when the plan is applied). */
  readonly location: number;
  /** When it is there, seconds. */
  readonly atS: number;
  /** Load on board that no job of the problem delivers (returns picked up earlier, say). */
  readonly loadOnBoard?: readonly number[];
  /** Stops the driver is committed to, in order: they stay first in the route, in this order. */
  readonly committed?: readonly StopRef[];
}

/** A vehicle that may be used by the plan. */
export interface PlanningVehicle {
  readonly id: string;
  /** Capacity per dimension; every vehicle and amount has the same number of dimensions. */
  readonly capacity: readonly number[];
  readonly startLocation: number;
  /** Where the route ends; absent: the route ends at its last stop (an open route). */
  readonly endLocation?: number;
  /** The working shift: leaves the start no earlier, back at the end no later. Default: unbounded. */
  readonly shift?: TimeWindow;
  readonly skills?: readonly string[];
  /** Route duration limit: back at the end minus leaving the start (leaving as late as useful). */
  readonly maxDurationS?: number;
  readonly maxDistanceM?: number;
  readonly breaks?: readonly VehicleBreak[];
  readonly costs?: VehicleCosts;
  readonly onRoad?: VehicleOnRoad;
}

/** Properties shared by jobs and shipments. */
interface TaskProperties {
  readonly id: string;
  /** Amount per capacity dimension. Default: zeros. */
  readonly amount?: readonly number[];
  /** Skills the vehicle must all have. */
  readonly skills?: readonly string[];
  /** Higher is served first when the fleet cannot serve everything. Default 0. */
  readonly priority?: number;
  /** Only these vehicles may serve it (goods already on board of one, say). Default: any. */
  readonly vehicleIds?: readonly string[];
}

/** Where and when a stop is served. */
export interface StopSpec {
  readonly location: number;
  /** Default 0. */
  readonly serviceS?: number;
  /** One or more disjoint windows, in increasing order. Default: any time in the shift. */
  readonly timeWindows?: readonly TimeWindow[];
}

/**
 * A single stop: a delivery (the amount is loaded at the route's start) or a pickup (carried to
 * the route's end).
 */
export interface PlanningJob extends TaskProperties, StopSpec {
  /** Default `delivery`. */
  readonly type?: "delivery" | "pickup";
}

/** A pickup and a delivery served by the same vehicle, the pickup first. */
export interface PlanningShipment extends TaskProperties {
  readonly pickup: StopSpec;
  readonly delivery: StopSpec;
}

/** Everything the planner needs to turn jobs into routes. */
export interface PlanningProblem {
  readonly matrices: TravelMatrices;
  readonly vehicles: readonly PlanningVehicle[];
  readonly jobs: readonly PlanningJob[];
  readonly shipments?: readonly PlanningShipment[];
}
