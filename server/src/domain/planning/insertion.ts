import { type CompiledProblem, NodeKind } from "./compiled-problem";
import type { RouteState } from "./route-state";
import * as timeWindows from "./time-windows";

// Module-local references, read once: tsx runs modules as CommonJS, where every use of an import
// is a getter call, and the insertion scans below are the solver's innermost loops.
const { break: BREAK, deliveryJob: DELIVERY_JOB } = NodeKind;
const { earliestStartS, windowEndAtS } = timeWindows;

/**
 * The cheapest feasible insertion found so far: where (route, positions) and what it adds to the
 * route's cost. Reused across evaluations so that the search allocates nothing per check.
 */
export class BestInsertion {
  route = -1;
  /** The job (or the shipment's pickup) goes after this position. */
  after = -1;
  /** A shipment's delivery goes after this position of the original route (>= `after`). */
  deliveryAfter = -1;
  cost = Number.POSITIVE_INFINITY;

  reset(): void {
    this.route = -1;
    this.cost = Number.POSITIVE_INFINITY;
  }
}

/** Skips a candidate position with this probability (SISR's "blinks"), for diversity. */
export interface InsertionNoise {
  readonly random: () => number;
  readonly blinkRate: number;
}

/**
 * Finds the cheapest feasible position for a job node in one route, in O(1) per position: time
 * windows from the route's earliest starts and latest arrivals, capacity from its load maxima,
 * maximum distance from its total; maximum duration (rare) by re-timing the route. Updates `best`
 * when a cheaper position is found.
 */
export function findJobInsertion(
  problem: CompiledProblem,
  route: RouteState,
  routeIndex: number,
  node: number,
  best: BestInsertion,
  noise: InsertionNoise,
): void {
  const { locationCount: n, durationsS, distancesM, nodeServiceS } = problem;
  const v = route.vehicle;
  const costs = problem.costMatrices[problem.vehicleCostMatrix[v]!]!;
  const opening = route.used ? 0 : problem.vehicleFixedCost[v]! + route.travelCost;
  const at = problem.nodeLocation[node]!;
  const serviceS = nodeServiceS[node]!;
  const closesS = problem.windowEndS[problem.windowOffset[node + 1]! - 1]!;
  const maxDistanceM = problem.vehicleMaxDistanceM[v]!;
  const limitsDuration = problem.vehicleMaxDurationS[v]! < Number.POSITIVE_INFINITY;
  // A delivery rides from the start: once it does not fit, it fits nowhere later either.
  const isDelivery = problem.nodeKind[node] === DELIVERY_JOB;
  const { nodes, location, startS, latestS, nextStop } = route;
  for (let p = route.lockedCount; p < route.length - 1; p++) {
    const leaveS = startS[p]! + nodeServiceS[nodes[p]!]!;
    if (leaveS > closesS) break;
    if (!jobLoadFits(problem, route, node, p)) {
      if (isDelivery) break;
      continue;
    }
    const from = location[p]!;
    const next = nextStop[p]!;
    const to = location[next]!;
    const delta = costs[from * n + at]! + costs[at * n + to]! - costs[from * n + to]! + opening;
    if (delta >= best.cost) continue;
    const serviceStartS = earliestStartS(problem, node, leaveS + durationsS[from * n + at]!);
    if (serviceStartS === Number.POSITIVE_INFINITY) continue;
    const arrivalS =
      passBreaks(problem, route, p + 1, next, serviceStartS + serviceS) + durationsS[at * n + to]!;
    if (!reachesInTime(arrivalS, latestS[next]!)) continue;
    if (
      maxDistanceM < Number.POSITIVE_INFINITY &&
      route.distanceM + distancesM[from * n + at]! + distancesM[at * n + to]! - distancesM[from * n + to]! >
        maxDistanceM
    )
      continue;
    if (noise.random() < noise.blinkRate) continue;
    if (limitsDuration && durationWith(problem, route, node, p, -1, -1) > problem.vehicleMaxDurationS[v]!)
      continue;
    best.route = routeIndex;
    best.after = p;
    best.deliveryAfter = -1;
    best.cost = delta;
  }
}

/**
 * Finds the cheapest feasible positions for a shipment (pickup, then delivery later in the same
 * route) in one route. For each pickup position it walks the delivery position forward, carrying
 * the pushed schedule and the load maximum between the two, so each pair costs O(1).
 */
export function findShipmentInsertion(
  problem: CompiledProblem,
  route: RouteState,
  routeIndex: number,
  pickup: number,
  best: BestInsertion,
  noise: InsertionNoise,
): void {
  const { locationCount: n, durationsS, nodeServiceS, nodeKind, nodeLocation } = problem;
  const delivery = pickup + 1;
  const v = route.vehicle;
  const costs = problem.costMatrices[problem.vehicleCostMatrix[v]!]!;
  const opening = route.used ? 0 : problem.vehicleFixedCost[v]! + route.travelCost;
  const pickupAt = nodeLocation[pickup]!;
  const deliveryAt = nodeLocation[delivery]!;
  const pickupClosesS = problem.windowEndS[problem.windowOffset[pickup + 1]! - 1]!;
  const deliveryClosesS = problem.windowEndS[problem.windowOffset[delivery + 1]! - 1]!;
  const { nodes, location, startS, nextStop } = route;
  for (let i = route.lockedCount; i < route.length - 1; i++) {
    const from = location[i]!;
    const leaveS = startS[i]! + nodeServiceS[nodes[i]!]!;
    if (leaveS > pickupClosesS) break;
    const pickupStartS = earliestStartS(problem, pickup, leaveS + durationsS[from * n + pickupAt]!);
    if (pickupStartS === Number.POSITIVE_INFINITY || !shipmentLoadFits(problem, route, pickup, i)) continue;
    const firstStop = nextStop[i]!;
    const pickupDelta =
      costs[from * n + pickupAt]! +
      costs[pickupAt * n + location[firstStop]!]! -
      costs[from * n + location[firstStop]!]!;
    let readyS = pickupStartS + nodeServiceS[pickup]!;
    let at = pickupAt;
    for (let j = i; j < route.length - 1; j++) {
      if (j > i) {
        const node = nodes[j]!;
        if (nodeKind[node] !== BREAK) {
          readyS += durationsS[at * n + location[j]!]!;
          at = location[j]!;
        }
        const stepStartS = earliestStartS(problem, node, readyS);
        if (stepStartS === Number.POSITIVE_INFINITY || !shipmentLoadFits(problem, route, pickup, j)) break;
        readyS = stepStartS + nodeServiceS[node]!;
      }
      if (readyS > deliveryClosesS) break;
      const next = nextStop[j]!;
      const to = location[next]!;
      const delta =
        (j < firstStop
          ? costs[from * n + pickupAt]! - costs[from * n + to]!
          : pickupDelta - costs[at * n + to]!) +
        costs[at * n + deliveryAt]! +
        costs[deliveryAt * n + to]! +
        opening;
      if (delta >= best.cost) continue;
      if (
        !shipmentFeasibleAfter(
          problem,
          route,
          delivery,
          readyS + durationsS[at * n + deliveryAt]!,
          j,
          deliveryAt,
        )
      )
        continue;
      if (!distanceFits(problem, route, pickup, i, j)) continue;
      if (noise.random() < noise.blinkRate) continue;
      if (
        problem.vehicleMaxDurationS[v]! < Number.POSITIVE_INFINITY &&
        durationWith(problem, route, pickup, i, delivery, j) > problem.vehicleMaxDurationS[v]!
      )
        continue;
      best.route = routeIndex;
      best.after = i;
      best.deliveryAfter = j;
      best.cost = delta;
    }
  }
}

/** Whether the delivery, arriving at `arrivalS` after position j, keeps the rest feasible. */
function shipmentFeasibleAfter(
  problem: CompiledProblem,
  route: RouteState,
  delivery: number,
  arrivalS: number,
  j: number,
  deliveryAt: number,
): boolean {
  const startS = earliestStartS(problem, delivery, arrivalS);
  if (startS === Number.POSITIVE_INFINITY) return false;
  const next = route.nextStop[j]!;
  const readyS = passBreaks(problem, route, j + 1, next, startS + problem.nodeServiceS[delivery]!);
  const nextAt = route.location[next]!;
  return reachesInTime(
    readyS + problem.durationsS[deliveryAt * problem.locationCount + nextAt]!,
    route.latestS[next]!,
  );
}

/** Whether arriving at `arrivalS` is no later than `latestS` (never when unreachable, even with no deadline). */
const reachesInTime = (arrivalS: number, latestS: number): boolean =>
  arrivalS <= latestS && arrivalS < Number.POSITIVE_INFINITY;

/** Time when the breaks at positions from..to-1 (taken where the vehicle is) are over. */
function passBreaks(
  problem: CompiledProblem,
  route: RouteState,
  from: number,
  to: number,
  readyS: number,
): number {
  let t = readyS;
  for (let x = from; x < to; x++) {
    const pause = route.nodes[x]!;
    t = earliestStartS(problem, pause, t) + problem.nodeServiceS[pause]!;
  }
  return t;
}

/** Capacity check of a job inserted after position p (deliveries ride from the start, pickups to the end). */
function jobLoadFits(problem: CompiledProblem, route: RouteState, node: number, p: number): boolean {
  const dims = problem.dimensions;
  const maxima = problem.nodeKind[node] === DELIVERY_JOB ? route.prefixMaxLoad : route.suffixMaxLoad;
  const capacity = route.vehicle * dims;
  for (let d = 0; d < dims; d++)
    if (maxima[p * dims + d]! + problem.nodeAmount[node * dims + d]! > problem.vehicleCapacity[capacity + d]!)
      return false;
  return true;
}

/** Capacity check of the leg leaving position j with the shipment's amount on board. */
function shipmentLoadFits(problem: CompiledProblem, route: RouteState, pickup: number, j: number): boolean {
  const dims = problem.dimensions;
  const capacity = route.vehicle * dims;
  for (let d = 0; d < dims; d++)
    if (
      route.load[j * dims + d]! + problem.nodeAmount[pickup * dims + d]! >
      problem.vehicleCapacity[capacity + d]!
    )
      return false;
  return true;
}

/** Maximum distance check of a shipment inserted after positions i and j. */
function distanceFits(
  problem: CompiledProblem,
  route: RouteState,
  pickup: number,
  i: number,
  j: number,
): boolean {
  const maxDistanceM = problem.vehicleMaxDistanceM[route.vehicle]!;
  if (maxDistanceM === Number.POSITIVE_INFINITY) return true;
  return distanceWith(problem, route, pickup, i, pickup + 1, j) <= maxDistanceM;
}

/**
 * Walks the route with `first` inserted after position a and `second` (or -1) after position b
 * (b >= a; both inserted after a when b === a), calling `visit` on each location change.
 */
function walkWith(
  route: RouteState,
  first: number,
  a: number,
  second: number,
  b: number,
  visit: (node: number) => void,
): void {
  for (let p = 0; p < route.length; p++) {
    visit(route.nodes[p]!);
    if (p === a) visit(first);
    if (p === b) visit(second);
  }
}

/** Route distance with the insertions (see walkWith). */
function distanceWith(
  problem: CompiledProblem,
  route: RouteState,
  first: number,
  a: number,
  second: number,
  b: number,
): number {
  let at = -1;
  let distanceM = 0;
  walkWith(route, first, a, second, b, (node) => {
    if (problem.nodeKind[node] === BREAK) return;
    const to = problem.nodeLocation[node]!;
    if (at >= 0) distanceM += problem.distancesM[at * problem.locationCount + to]!;
    at = to;
  });
  return distanceM;
}

/** Route duration with the insertions (see walkWith), as RouteState measures it. */
function durationWith(
  problem: CompiledProblem,
  route: RouteState,
  first: number,
  a: number,
  second: number,
  b: number,
): number {
  let at = -1;
  let readyS = 0;
  walkWith(route, first, a, second, b, (node) => {
    const to = problem.nodeKind[node] === BREAK ? at : problem.nodeLocation[node]!;
    if (at < 0) {
      durationMeter.begin(route.startS[0]!);
      readyS = route.startS[0]!;
    } else {
      const arrivalS = readyS + problem.durationsS[at * problem.locationCount + to]!;
      const startS = earliestStartS(problem, node, arrivalS);
      durationMeter.step(arrivalS, startS, windowEndAtS(problem, node, startS));
      readyS = startS + problem.nodeServiceS[node]!;
    }
    at = to;
  });
  return durationMeter.durationS;
}

const durationMeter = new timeWindows.RouteDurationMeter();
