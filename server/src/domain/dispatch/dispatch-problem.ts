import type { LoadDto, PlannedRouteDto, PlannedStopDto, TimeWindow } from "@waybill/shared";
import type { PlanningJob, PlanningProblem, PlanningVehicle } from "../planning/planning-problem";
import type { PlanningSolution } from "../planning/planning-solution";

/** Capacity dimensions, in the order the planner's amount vectors use. */
export const DIMENSIONS = ["weightKg", "volumeM3", "units"] as const;

/** A stop to plan, as dispatch knows it. */
export interface DispatchStop {
  readonly stopId: string;
  readonly orderId: string;
  readonly kind: "delivery" | "pickup";
  readonly lat: number;
  readonly lng: number;
  readonly timeWindows: readonly TimeWindow[];
  readonly serviceS: number;
  readonly load: LoadDto;
  readonly skills: readonly string[];
  readonly priority: number;
}

/** A vehicle for the day: where it starts and ends, its shift (epoch ms) and capacity. */
export interface DispatchVehicle {
  readonly vehicleId: string;
  readonly driverId: string | null;
  readonly start: { readonly lat: number; readonly lng: number };
  readonly end: { readonly lat: number; readonly lng: number };
  readonly shiftMs: readonly [number, number];
  /** Per dimension; absent dimensions are unlimited. */
  readonly capacity: Partial<LoadDto>;
  readonly skills: readonly string[];
  readonly maxDurationS: number | null;
  /** Route length limit, metres (absent on plans stored before it existed). */
  readonly maxDistanceM?: number | null;
  /** Breaks: may start within [startMs, endMs], last durationS. */
  readonly breaks?: readonly {
    readonly startMs: number;
    readonly endMs: number;
    readonly durationS: number;
  }[];
  readonly costs: { readonly fixed?: number; readonly perHour?: number; readonly perKm?: number } | null;
}

/** What a list of order items weighs, fills and counts. */
export function loadOfItems(
  items: readonly { quantity: number; weightKg?: number; volumeM3?: number }[],
): LoadDto {
  let weightKg = 0;
  let volumeM3 = 0;
  let units = 0;
  for (const item of items) {
    weightKg += (item.weightKg ?? 0) * item.quantity;
    volumeM3 += (item.volumeM3 ?? 0) * item.quantity;
    units += item.quantity;
  }
  return { weightKg, volumeM3, units };
}

/** Unlimited capacity in one dimension. */
const UNLIMITED = 1e12;

/**
 * The points of a dispatch problem in matrix order: each vehicle's start and end, then the
 * stops. The caller asks the routing engine for the matrix between exactly these points.
 */
export function problemPoints(
  vehicles: readonly DispatchVehicle[],
  stops: readonly DispatchStop[],
): { lat: number; lng: number }[] {
  return [...vehicles.flatMap((vehicle) => [vehicle.start, vehicle.end]), ...stops];
}

/**
 * The stops no vehicle can drive to and back from: the road network has no path from any
 * vehicle's start to the stop, or none from the stop to that vehicle's end (an address on a road
 * cut off from the others, say across a border the extract does not join). `durationS` reads the
 * matrix over {@link problemPoints} (null: no path); the result indexes `stops`.
 *
 * @example
 * // one vehicle (points 0 and 1), two stops (points 2 and 3); nothing leads to point 3
 * stopsCutOffByRoad(1, 2, (from, to) => (to === 3 ? null : 60)); // [1]
 */
export function stopsCutOffByRoad(
  vehicleCount: number,
  stopCount: number,
  durationS: (from: number, to: number) => number | null,
): number[] {
  const cutOff: number[] = [];
  for (let s = 0; s < stopCount; s++) {
    const point = 2 * vehicleCount + s;
    let reachable = false;
    for (let v = 0; v < vehicleCount && !reachable; v++)
      reachable = durationS(2 * v, point) !== null && durationS(point, 2 * v + 1) !== null;
    if (!reachable) cutOff.push(s);
  }
  return cutOff;
}

const amountOf = (load: Partial<LoadDto>, missing: number): number[] =>
  DIMENSIONS.map((dimension) => load[dimension] ?? missing);

/**
 * The planner's problem for a day: times are seconds from `originMs` (the day's midnight),
 * locations index {@link problemPoints}, the matrix comes from the road network.
 */
export function dispatchProblem(
  vehicles: readonly DispatchVehicle[],
  stops: readonly DispatchStop[],
  matrix: { readonly durationsS: ArrayLike<number>; readonly distancesM: ArrayLike<number> },
  originMs: number,
): PlanningProblem {
  const seconds = (ms: number) => Math.round((ms - originMs) / 1000);
  const planningVehicles: PlanningVehicle[] = vehicles.map((vehicle, index) => ({
    id: vehicle.vehicleId,
    capacity: amountOf(vehicle.capacity, UNLIMITED),
    startLocation: 2 * index,
    endLocation: 2 * index + 1,
    shift: [seconds(vehicle.shiftMs[0]), seconds(vehicle.shiftMs[1])],
    skills: vehicle.skills,
    ...(vehicle.maxDurationS === null ? {} : { maxDurationS: vehicle.maxDurationS }),
    ...(vehicle.maxDistanceM ? { maxDistanceM: vehicle.maxDistanceM } : {}),
    ...(vehicle.breaks?.length
      ? {
          breaks: vehicle.breaks.map((b, k) => ({
            id: `${vehicle.vehicleId}#break${k}`,
            timeWindows: [[seconds(b.startMs), seconds(b.endMs)] as const],
            durationS: b.durationS,
          })),
        }
      : {}),
    ...(vehicle.costs ? { costs: vehicle.costs } : {}),
  }));
  const jobs: PlanningJob[] = stops.map((stop, index) => ({
    id: stop.stopId,
    type: stop.kind,
    location: 2 * vehicles.length + index,
    serviceS: stop.serviceS,
    amount: amountOf(stop.load, 0),
    skills: stop.skills,
    priority: stop.priority,
    ...(stop.timeWindows.length
      ? {
          timeWindows: stop.timeWindows.map(
            (window) => [seconds(Date.parse(window.start)), seconds(Date.parse(window.end))] as const,
          ),
        }
      : {}),
  }));
  const size = 2 * vehicles.length + stops.length;
  return { matrices: { size, ...matrix }, vehicles: planningVehicles, jobs };
}

/** The plan's routes in dispatch terms: stop ids, instants, loads by dimension. */
export function dispatchRoutes(
  solution: PlanningSolution,
  vehicles: readonly DispatchVehicle[],
  stops: readonly DispatchStop[],
  originMs: number,
): Omit<PlannedRouteDto, "geometry">[] {
  const stopById = new Map(stops.map((stop) => [stop.stopId, stop]));
  const vehicleById = new Map(vehicles.map((vehicle) => [vehicle.vehicleId, vehicle]));
  const at = (s: number) => new Date(originMs + s * 1000).toISOString();
  return solution.routes.map((route) => {
    const planned: PlannedStopDto[] = [];
    const breaks: { startAt: string; endAt: string }[] = [];
    for (const step of route.steps) {
      if (step.type === "break") breaks.push({ startAt: at(step.startS), endAt: at(step.departureS) });
      const stop = step.id === undefined ? undefined : stopById.get(step.id);
      if (!stop || (step.type !== "job" && step.type !== "pickup" && step.type !== "delivery")) continue;
      planned.push({
        stopId: stop.stopId,
        orderId: stop.orderId,
        kind: stop.kind,
        lat: stop.lat,
        lng: stop.lng,
        arrivalAt: at(step.arrivalS),
        serviceAt: at(step.startS),
        departureAt: at(step.departureS),
        waitS: step.startS - step.arrivalS,
        lateS: step.lateS,
        load: { weightKg: step.load[0] ?? 0, volumeM3: step.load[1] ?? 0, units: step.load[2] ?? 0 },
        warnings: step.lateS > 0 ? [`${Math.round(step.lateS / 60)} min past the window`] : [],
      });
    }
    const first = route.steps[0];
    const last = route.steps.at(-1);
    return {
      vehicleId: route.vehicleId,
      driverId: vehicleById.get(route.vehicleId)?.driverId ?? null,
      startAt: at(first?.departureS ?? 0),
      endAt: at(last?.arrivalS ?? 0),
      distanceM: route.distanceM,
      durationS: route.durationS,
      stops: planned,
      ...(breaks.length ? { breaks } : {}),
      warnings: [],
    };
  });
}
