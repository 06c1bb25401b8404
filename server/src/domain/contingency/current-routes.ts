import type { TravelMatrices } from "../planning/planning-problem";
import type { PlanTotals, RouteTotals } from "./proposal-diff";
import type { LiveStop, LiveVehicle } from "./replan-problem";

type Point = { readonly lat: number; readonly lng: number };

/**
 * The travel matrix of a re-plan, row-major over its points, and how to find a point's row: the
 * re-plan's points are the vehicles' and stops' own objects, so identity finds them.
 */
export interface ReplanMatrix {
  readonly size: number;
  readonly durationsS: Float64Array;
  readonly distancesM: Float64Array;
  readonly locationOf: (point: Point) => number;
}

/** A working vehicle's current route: where it is, its open stops in their sequence, its end. */
interface CurrentRoute {
  readonly vehicle: LiveVehicle;
  readonly stops: readonly LiveStop[];
}

/** The routes as they are: each working vehicle with the open stops assigned to it, in sequence. */
function currentRoutes(vehicles: readonly LiveVehicle[], stops: readonly LiveStop[]): CurrentRoute[] {
  return vehicles
    .filter((vehicle) => vehicle.available)
    .map((vehicle) => ({
      vehicle,
      stops: stops
        .filter((stop) => stop.vehicleId === vehicle.vehicleId)
        .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0)),
    }))
    .filter((route) => route.stops.length > 0);
}

/**
 * Driving time and distance of each current route, from where its working vehicle is, through
 * its stops, to its end: what the vans would drive if nothing changes, on the same matrix as the
 * proposal so that the two compare.
 */
export function currentTotals(
  vehicles: readonly LiveVehicle[],
  stops: readonly LiveStop[],
  matrix: ReplanMatrix,
): RouteTotals {
  return new Map(
    currentRoutes(vehicles, stops).map(({ vehicle, stops: route }) => [
      vehicle.vehicleId,
      pathTotals([vehicle.position, ...route, vehicle.end].map(matrix.locationOf), matrix),
    ]),
  );
}

/**
 * Driving time and distance of each route of a plan, leg by leg on its matrix (the solver's own
 * route duration also counts service and waiting, which the current routes' totals do not).
 */
export function plannedTotals(
  routes: readonly { readonly vehicleId: string; readonly steps: readonly { readonly location: number }[] }[],
  matrix: TravelMatrices,
): RouteTotals {
  return new Map(
    routes.map((route) => [
      route.vehicleId,
      pathTotals(
        route.steps.map((step) => step.location),
        matrix,
      ),
    ]),
  );
}

/** The driving along a path of matrix locations. */
function pathTotals(path: readonly number[], matrix: TravelMatrices): PlanTotals {
  let durationS = 0;
  let distanceM = 0;
  for (let i = 1; i < path.length; i++) {
    const cell = path[i - 1]! * matrix.size + path[i]!;
    durationS += matrix.durationsS[cell] ?? 0;
    distanceM += matrix.distancesM[cell] ?? 0;
  }
  return { durationS, distanceM };
}

/**
 * When each stop of the current routes would be reached if nothing changes, on the roads as they
 * are now (the matrix knows the closures and slowdowns posted a moment ago, which tracking's ETAs
 * learn only when it next recomputes them): each working vehicle leaves where it is at `nowMs`,
 * drives to its stops in sequence, waits for a window that has not opened yet, and serves each.
 * A stop the matrix cannot reach has no time, nor have those after it on that route.
 */
export function currentArrivals(
  vehicles: readonly LiveVehicle[],
  stops: readonly LiveStop[],
  matrix: ReplanMatrix,
  nowMs: number,
): Map<string, number> {
  const arrivals = new Map<string, number>();
  for (const { vehicle, stops: route } of currentRoutes(vehicles, stops)) {
    let atMs = nowMs;
    let from = matrix.locationOf(vehicle.position);
    for (const stop of route) {
      const to = matrix.locationOf(stop);
      const legS = matrix.durationsS[from * matrix.size + to];
      if (legS === undefined || !Number.isFinite(legS)) break;
      atMs += legS * 1000;
      arrivals.set(stop.stopId, atMs);
      atMs = serviceStartMs(atMs, stop) + stop.serviceS * 1000;
      from = to;
    }
  }
  return arrivals;
}

/** When service starts for an arrival: at once, or when the first window still open opens. */
function serviceStartMs(arrivalMs: number, stop: LiveStop): number {
  const open = stop.timeWindows.find((window) => Date.parse(window.end) >= arrivalMs);
  return open ? Math.max(arrivalMs, Date.parse(open.start)) : arrivalMs;
}
