/**
 * The output of the route planner and the options of a run. Times are seconds on the problem's
 * clock, distances metres, costs in the unit of the vehicles' costs.
 */

/** What the solver minimises: total cost, or the number of vehicles first and then cost. */
export type PlanningObjective = "cost" | "vehicles";

/** One step of a planned route, with its schedule. */
export interface PlannedStep {
  readonly type: "start" | "job" | "pickup" | "delivery" | "break" | "end";
  /** The job's, shipment's or break's id; absent for start and end. */
  readonly id?: string;
  /** Location index; a break is taken where the vehicle is. */
  readonly location: number;
  readonly arrivalS: number;
  /** When service (or the break) starts: arrival plus waiting. */
  readonly startS: number;
  readonly departureS: number;
  /** Load on board when leaving this step, per capacity dimension. */
  readonly load: readonly number[];
  /** Past the end of the stop's window, seconds: only ever non-zero for a committed stop. */
  readonly lateS: number;
}

/** The route of one used vehicle. */
export interface PlannedRoute {
  readonly vehicleId: string;
  readonly steps: readonly PlannedStep[];
  readonly distanceM: number;
  /** Back at the end (or the last stop) minus leaving the start. */
  readonly durationS: number;
  readonly cost: number;
}

/** Why a job or shipment is not in any route. */
export type UnassignedReason =
  | "no_vehicle_with_skills"
  | "demand_exceeds_capacity"
  | "time_window_unreachable"
  | "max_duration"
  | "max_distance"
  | "fleet_exhausted";

/** A job or shipment left out of the plan, with the reason. */
export interface UnassignedTask {
  readonly type: "job" | "shipment";
  readonly id: string;
  readonly reason: UnassignedReason;
}

/** Totals of a plan. */
export interface PlanSummary {
  readonly cost: number;
  readonly distanceM: number;
  readonly durationS: number;
  readonly vehicles: number;
  readonly unassigned: number;
}

/** A plan: routes of the used vehicles, what could not be served and why, and totals. */
export interface PlanningSolution {
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly UnassignedTask[];
  readonly summary: PlanSummary;
  readonly search: SearchStatistics;
}

/** How the search went. */
export interface SearchStatistics {
  readonly iterations: number;
  readonly elapsedMs: number;
  readonly seed: number;
  /** Whether `isCancelled` stopped it before its limits. */
  readonly cancelled: boolean;
}

/** The best plan found so far, as reported during the search. */
export interface SolveProgress {
  readonly elapsedMs: number;
  readonly iterations: number;
  readonly cost: number;
  readonly vehicles: number;
  readonly unassigned: number;
}

/**
 * How to run the solver. Give `timeLimitMs` (with `now`) for an anytime run, `iterationLimit`
 * for a reproducible one; with both, whichever comes first stops it.
 */
export interface SolveOptions {
  /** Default `cost`. */
  readonly objective?: PlanningObjective;
  /** Seeds the solver's own random generator: the same seed gives the same plan. Default 1. */
  readonly seed?: number;
  readonly timeLimitMs?: number;
  readonly iterationLimit?: number;
  /** A monotonic clock in ms (`performance.now`); needed for the time limit and progress times. */
  readonly now?: () => number;
  /** Called when the best plan improves, at most every `progressIntervalMs`, and at the end. */
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Default 250. */
  readonly progressIntervalMs?: number;
  /** Polled every few iterations; true stops the search with the best plan so far. */
  readonly isCancelled?: () => boolean;
}
