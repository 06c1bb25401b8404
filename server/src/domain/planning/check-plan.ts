import type { PlanningProblem, PlanningVehicle, StopSpec, TimeWindow } from "./planning-problem";

/** A plan to check: each route as its sequence of steps (schedules are recomputed, not trusted). */
export interface PlanToCheck {
  readonly routes: readonly {
    readonly vehicleId: string;
    readonly steps: readonly { readonly type: string; readonly id?: string }[];
  }[];
  readonly unassigned: readonly { readonly type: "job" | "shipment"; readonly id: string }[];
}

/** A step as the checker re-timed it; a late stop starts on arrival (and is a violation). */
export interface CheckedStep {
  readonly type: string;
  readonly id?: string;
  readonly arrivalS: number;
  readonly startS: number;
  readonly departureS: number;
  /** Load on board when leaving, per capacity dimension. */
  readonly load: readonly number[];
}

/** A route as the checker re-timed it. */
export interface CheckedRoute {
  readonly vehicleId: string;
  readonly steps: readonly CheckedStep[];
  readonly distanceM: number;
  readonly durationS: number;
}

/**
 * What the checker found: every broken rule in words, the routes re-timed (what a dispatcher's
 * hand-made change looks like) and the plan's totals recomputed.
 */
export interface PlanCheck {
  readonly violations: readonly string[];
  readonly routes: readonly CheckedRoute[];
  readonly distanceM: number;
  readonly cost: number;
  readonly vehicles: number;
}

/**
 * Checks a plan against its problem from scratch, independently of the solver: every job and
 * shipment served once or listed as unassigned, skills and allowed vehicles, committed stops
 * first and in order, pickups before their deliveries in the same route, every break taken,
 * windows (service starts inside one; only committed stops may be late), shifts, capacity on
 * every leg, maximum distance and duration. Re-times the routes and recomputes distance and
 * cost: for a route a dispatcher changed by hand, the violations are the warnings to show.
 *
 * @example
 * const { violations, distanceM } = checkPlan(problem, solvePlan(problem, options));
 * violations; // [] for a feasible plan
 */
export function checkPlan(problem: PlanningProblem, plan: PlanToCheck): PlanCheck {
  const violations: string[] = [];
  const served = new Map<string, number>();
  const vehiclesSeen = new Set<string>();
  const routes: CheckedRoute[] = [];
  let cost = 0;
  for (const route of plan.routes) {
    const vehicle = problem.vehicles.find((v) => v.id === route.vehicleId);
    if (!vehicle) {
      violations.push(`route of unknown vehicle "${route.vehicleId}"`);
      continue;
    }
    if (vehiclesSeen.has(vehicle.id)) violations.push(`vehicle ${vehicle.id} has two routes`);
    vehiclesSeen.add(vehicle.id);
    const steps = route.steps.filter((step) => step.type !== "start" && step.type !== "end");
    for (const step of steps)
      if (step.type !== "break")
        served.set(`${step.type}:${step.id}`, (served.get(`${step.type}:${step.id}`) ?? 0) + 1);
    const result = checkRoute(problem, vehicle, steps, (message) =>
      violations.push(`vehicle ${vehicle.id}: ${message}`),
    );
    routes.push(result.route);
    cost += result.cost;
  }
  checkCoverage(problem, plan, served, violations);
  const distanceM = routes.reduce((sum, route) => sum + route.distanceM, 0);
  return { violations, routes, distanceM, cost, vehicles: plan.routes.length };
}

/** Every job once (or unassigned), every shipment's pickup and delivery once (or unassigned). */
function checkCoverage(
  problem: PlanningProblem,
  plan: PlanToCheck,
  served: Map<string, number>,
  violations: string[],
): void {
  const unassigned = new Set(plan.unassigned.map((task) => `${task.type}:${task.id}`));
  const expect = (key: string, label: string, isUnassigned: boolean) => {
    const count = served.get(key) ?? 0;
    if (count > 1) violations.push(`${label} is served ${count} times`);
    if (count === 0 && !isUnassigned) violations.push(`${label} is neither served nor listed as unassigned`);
    if (count > 0 && isUnassigned) violations.push(`${label} is served and listed as unassigned`);
    served.delete(key);
  };
  for (const job of problem.jobs) expect(`job:${job.id}`, `job ${job.id}`, unassigned.has(`job:${job.id}`));
  for (const shipment of problem.shipments ?? []) {
    expect(`pickup:${shipment.id}`, `pickup of ${shipment.id}`, unassigned.has(`shipment:${shipment.id}`));
    expect(
      `delivery:${shipment.id}`,
      `delivery of ${shipment.id}`,
      unassigned.has(`shipment:${shipment.id}`),
    );
  }
  for (const key of served.keys()) violations.push(`unknown step ${key}`);
}

interface StepToCheck {
  readonly type: string;
  readonly id?: string;
}

/** Re-times one route and checks its rules; returns it re-timed, and its cost. */
function checkRoute(
  problem: PlanningProblem,
  vehicle: PlanningVehicle,
  steps: readonly StepToCheck[],
  fail: (message: string) => void,
): { route: CheckedRoute; cost: number } {
  const { size, durationsS, distancesM } = problem.matrices;
  const committed = (vehicle.onRoad?.committed ?? []).map((stop) => `${stop.type}:${stop.id}`);
  const firstTasks = steps
    .filter((step) => step.type !== "break")
    .slice(0, committed.length)
    .map((s) => `${s.type}:${s.id}`);
  if (committed.join() !== firstTasks.join())
    fail(`committed stops [${committed}] are not first in order: [${firstTasks}]`);
  const breakIds = (vehicle.breaks ?? []).map((pause) => pause.id).sort();
  const breaksTaken = steps
    .filter((step) => step.type === "break")
    .map((step) => step.id ?? "")
    .sort();
  if (breakIds.join() !== breaksTaken.join()) fail(`breaks taken [${breaksTaken}], expected [${breakIds}]`);

  const startS = Math.max(vehicle.shift?.[0] ?? 0, vehicle.onRoad?.atS ?? Number.NEGATIVE_INFINITY);
  const shiftEndS = vehicle.shift?.[1] ?? Number.POSITIVE_INFINITY;
  let location = vehicle.onRoad?.location ?? vehicle.startLocation;
  let timeS = startS;
  // Waiting so far, and how much later the vehicle could have left without missing a window.
  let waitS = 0;
  let slackS = Number.POSITIVE_INFINITY;
  let distanceM = 0;
  let travelS = 0;
  const load = initialLoad(problem, vehicle, steps);
  checkLoad(vehicle, load, "at the start", fail);
  const pickedUp = new Set<string>();
  const timed: CheckedStep[] = [];
  for (const step of steps) {
    const stop = stopOf(problem, vehicle, step, fail);
    if (!stop) continue;
    const to = stop.location ?? location;
    const legS = durationsS[location * size + to]!;
    const arrivalS = timeS + legS;
    distanceM += distancesM[location * size + to]!;
    travelS += legS;
    location = to;
    const isCommitted = committed.includes(`${step.type}:${step.id}`);
    const serviceStartS = startInWindows(stop.timeWindows, arrivalS, isCommitted);
    if (serviceStartS === null) fail(`${step.type} ${step.id} reached at ${arrivalS}, after its windows`);
    const begunS = serviceStartS ?? arrivalS;
    waitS += begunS - arrivalS;
    slackS = Math.min(slackS, waitS + windowEndAt(stop.timeWindows, begunS, isCommitted) - begunS);
    timeS = begunS + (stop.serviceS ?? 0);
    applyStep(problem, vehicle, step, load, pickedUp, fail);
    const id = step.id === undefined ? {} : { id: step.id };
    timed.push({ type: step.type, ...id, arrivalS, startS: begunS, departureS: timeS, load: [...load] });
  }
  const endLocation = vehicle.endLocation ?? location;
  const lastLegS = durationsS[location * size + endLocation]!;
  const endS = timeS + lastLegS;
  distanceM += distancesM[location * size + endLocation]!;
  travelS += lastLegS;
  if (endS > shiftEndS) fail(`back at ${endS}, after the shift ends at ${shiftEndS}`);
  for (const id of pickedUp) fail(`shipment ${id} is picked up but not delivered`);
  if (vehicle.maxDistanceM !== undefined && distanceM > vehicle.maxDistanceM + 1e-6)
    fail(`distance ${distanceM} exceeds ${vehicle.maxDistanceM}`);
  slackS = Math.min(slackS, waitS + shiftEndS - endS);
  const durationS = endS - startS - Math.max(0, Math.min(slackS, waitS));
  if (vehicle.maxDurationS !== undefined && durationS > vehicle.maxDurationS + 1e-6)
    fail(`duration ${durationS} exceeds ${vehicle.maxDurationS}`);
  // As documented on VehicleCosts: per km 1 when no cost is given at all.
  const given = vehicle.costs ?? {};
  const noneGiven = given.perHour === undefined && given.fixed === undefined;
  const { fixed = 0, perHour = 0, perKm = noneGiven ? 1 : 0 } = given;
  const cost = fixed + (perHour * travelS) / 3600 + (perKm * distanceM) / 1000;
  return { route: { vehicleId: vehicle.id, steps: timed, distanceM, durationS }, cost };
}

/** Load on board at the start: what the vehicle already carries plus every delivery job of the route. */
function initialLoad(
  problem: PlanningProblem,
  vehicle: PlanningVehicle,
  steps: readonly StepToCheck[],
): number[] {
  const load = [...(vehicle.onRoad?.loadOnBoard ?? vehicle.capacity.map(() => 0))];
  for (const step of steps) {
    const job = step.type === "job" ? problem.jobs.find((j) => j.id === step.id) : undefined;
    if (job && (job.type ?? "delivery") === "delivery") addAmount(load, job.amount, 1);
  }
  return load;
}

function applyStep(
  problem: PlanningProblem,
  vehicle: PlanningVehicle,
  step: StepToCheck,
  load: number[],
  pickedUp: Set<string>,
  fail: (message: string) => void,
): void {
  if (step.type === "break") return;
  const job = step.type === "job" ? problem.jobs.find((j) => j.id === step.id) : undefined;
  const task = job ?? (problem.shipments ?? []).find((s) => s.id === step.id);
  if (!task) return;
  const skills = vehicle.skills ?? [];
  if (!(task.skills ?? []).every((skill) => skills.includes(skill)))
    fail(`${step.type} ${step.id} needs skills [${task.skills}]`);
  if (task.vehicleIds && !task.vehicleIds.includes(vehicle.id))
    fail(`${step.type} ${step.id} is not allowed on this vehicle`);
  const unloads = step.type === "delivery" || (job !== undefined && (job.type ?? "delivery") === "delivery");
  addAmount(load, task.amount, unloads ? -1 : 1);
  if (step.type === "pickup") pickedUp.add(step.id!);
  if (step.type === "delivery" && !pickedUp.delete(step.id!))
    fail(`shipment ${step.id} is delivered before its pickup`);
  checkLoad(vehicle, load, `after ${step.type} ${step.id}`, fail);
}

function checkLoad(
  vehicle: PlanningVehicle,
  load: readonly number[],
  where: string,
  fail: (message: string) => void,
): void {
  if (load.some((l, d) => l > vehicle.capacity[d]! + 1e-9))
    fail(`load [${load}] exceeds capacity [${vehicle.capacity}] ${where}`);
}

/** The stop a step serves (a break has no location), or null after reporting an unknown step. */
function stopOf(
  problem: PlanningProblem,
  vehicle: PlanningVehicle,
  step: StepToCheck,
  fail: (message: string) => void,
): (Omit<StopSpec, "location"> & { location?: number }) | null {
  const unknown = () => {
    fail(`unknown ${step.type} ${step.id}`);
    return null;
  };
  if (step.type === "break") {
    const pause = vehicle.breaks?.find((b) => b.id === step.id);
    return pause ? { timeWindows: pause.timeWindows, serviceS: pause.durationS } : unknown();
  }
  if (step.type === "job") return problem.jobs.find((j) => j.id === step.id) ?? unknown();
  const shipment = (problem.shipments ?? []).find((s) => s.id === step.id);
  if (!shipment) return unknown();
  return step.type === "pickup" ? shipment.pickup : shipment.delivery;
}

/** Adds `sign` times the amount to the load, dimension by dimension. */
function addAmount(load: number[], amount: readonly number[] | undefined, sign: number): void {
  for (const [d, a] of (amount ?? []).entries()) load[d]! += sign * a;
}

/** End of the window service starts in (a committed stop's last window never closes). */
function windowEndAt(
  windows: readonly TimeWindow[] | undefined,
  startS: number,
  isCommitted: boolean,
): number {
  if (!windows) return Number.POSITIVE_INFINITY;
  const open = windows.find(([, endS]) => startS <= endS);
  return open && !(isCommitted && open === windows.at(-1)) ? open[1] : Number.POSITIVE_INFINITY;
}

/** The earliest start at or after the arrival inside a window; null when all have closed (a committed stop starts late). */
function startInWindows(
  windows: readonly TimeWindow[] | undefined,
  arrivalS: number,
  mayBeLate: boolean,
): number | null {
  if (!windows) return arrivalS;
  for (const [startS, endS] of windows) if (arrivalS <= endS) return Math.max(arrivalS, startS);
  return mayBeLate ? arrivalS : null;
}
