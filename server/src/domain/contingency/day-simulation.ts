import { clockSeconds, type Scenario, type ScenarioEvent } from "@waybill/shared/contracts/scenario.schema";
import {
  type DispatchStop,
  type DispatchVehicle,
  dispatchProblem,
  problemPoints,
} from "../dispatch/dispatch-problem";
import type { PlanningSolution, SolveOptions } from "../planning/planning-solution";
import { solvePlan } from "../planning/solve-plan";
import { DayExecution } from "./day-execution";
import type { DayNetwork } from "./day-network";
import type { DayOrder } from "./day-orders";
import {
  type RecoveryPolicy,
  type RecoveryRecord,
  type RecoveryTrigger,
  recoverNaively,
  recoverWithWaybill,
} from "./day-recovery";
import { SIMULATED_MIDNIGHT_MS, type SnapshotContext } from "./day-snapshot";

/** How to run a simulated day. */
export interface DaySimulationOptions {
  /** Solver iterations of the day's plan, made before the day (an iteration limit: reproducible). */
  readonly planIterations: number;
  /** How Waybill's recovery runs the solver: `timeLimitMs` and `now` as the service does, or `iterationLimit`. */
  readonly recovery: Pick<SolveOptions, "timeLimitMs" | "iterationLimit" | "now">;
  /** A monotonic clock, ms, to time the recoveries (`performance.now`). */
  readonly now: () => number;
  /** Seconds moving a broken-down van's goods to another takes (default 600, as the service). */
  readonly transferS?: number;
  /** The policies to run (default all three). */
  readonly policies?: readonly RecoveryPolicy[];
}

/** How a day went under one policy (or undisturbed). */
export interface DayOutcome {
  readonly policy: RecoveryPolicy | "undisturbed";
  readonly orders: number;
  /** Orders with a window delivered after it, or not delivered. */
  readonly windowsMissed: number;
  readonly late: number;
  readonly notServed: number;
  readonly distanceM: number;
  readonly drivingS: number;
  /** Summed over vehicles: back at the depot after the day's end, seconds. */
  readonly overtimeS: number;
  readonly recoveries: readonly RecoveryRecord[];
}

/** The day's plan and each policy's outcome. */
export interface DayReport {
  readonly plan: PlanningSolution;
  readonly undisturbed: DayOutcome;
  readonly outcomes: readonly DayOutcome[];
}

const TRANSFER_S = 600;

/**
 * Simulates a scenario's day: plans the orders known before the day with the route planner on
 * the road network (no disruption known), drives the plan undisturbed, then drives it again once
 * per policy with the scenario's events: at each event (a breakdown, the start of a closure or
 * slowdown, urgent orders) the policy reacts: `none` keeps driving (a broken van's stops are
 * lost, closed roads cost the detour the routing engine finds, urgent orders wait), `naive`
 * appends the stranded or new stops to the nearest vehicle, `waybill` re-plans as the
 * contingency service does. Pure: the network, the orders and the clock are given.
 *
 * @example
 * const report = simulateDay(scenario, network, orders, { planIterations: 20_000,
 *   recovery: { timeLimitMs: 3000, now: () => performance.now() }, now: () => performance.now() });
 * report.outcomes.map((o) => [o.policy, o.windowsMissed]);
 */
export function simulateDay(
  scenario: Scenario,
  network: DayNetwork,
  orders: readonly DayOrder[],
  options: DaySimulationOptions,
): DayReport {
  const dayStartS = clockSeconds(scenario.day.start);
  const depot = network.register(scenario.fleet.depot);
  const indexed = new Map(
    orders.map((order) => [order.id, { ...order, pointIndex: network.register(order.point) }]),
  );
  const vehicleIds = Array.from({ length: scenario.fleet.vehicles }, (_, i) => `van-${i + 1}`);
  const context: SnapshotContext = {
    network,
    orders: indexed,
    capacityKg: scenario.fleet.capacityKg,
    dayEndS: clockSeconds(scenario.day.end),
    transferS: options.transferS ?? TRANSFER_S,
  };
  const planned = orders.filter((order) => order.knownAtS <= dayStartS);
  const plan = planDay(scenario, network, vehicleIds, planned, options.planIterations);
  const startDay = (roads: DayNetwork) => {
    const day = new DayExecution(roads, indexed, depot, vehicleIds, dayStartS);
    loadPlan(day, plan, dayStartS);
    return day;
  };
  const undisturbedDay = startDay(network.undisturbed());
  undisturbedDay.finish();
  const undisturbed = outcomeOf("undisturbed", undisturbedDay, planned, context.dayEndS, []);
  const outcomes = (options.policies ?? ["none", "naive", "waybill"]).map((policy) => {
    const day = startDay(network);
    const recoveries = playEvents(day, scenario, policy, context, options);
    day.finish();
    return outcomeOf(policy, day, orders, context.dayEndS, recoveries);
  });
  return { plan, undisturbed, outcomes };
}

/** Every vehicle of the plan loads its goods at the depot and gets its stops in the plan's order. */
function loadPlan(day: DayExecution, plan: PlanningSolution, dayStartS: number): void {
  for (const route of plan.routes) {
    const ids = route.steps.flatMap((step) => (step.type === "job" && step.id ? [step.id] : []));
    day.load(route.vehicleId, ids);
    day.assign(route.vehicleId, ids.map(day.deliveryVisit), dayStartS);
  }
}

/** Drives the day to each event in turn, where the policy reacts; returns the recoveries made. */
function playEvents(
  day: DayExecution,
  scenario: Scenario,
  policy: RecoveryPolicy,
  context: SnapshotContext,
  options: DaySimulationOptions,
): RecoveryRecord[] {
  const recoveries: RecoveryRecord[] = [];
  for (const event of [...scenario.events].sort((a, b) => triggerS(a) - triggerS(b))) {
    const atS = triggerS(event);
    day.advance(atS);
    if (event.kind === "breakdown") day.breakDown(`van-${event.vehicle}`, atS);
    const trigger = triggerOf(event);
    if (policy === "naive") recoveries.push(recoverNaively(day, context, atS, trigger, options.now));
    if (policy === "waybill")
      recoveries.push(recoverWithWaybill(day, context, atS, trigger, options.recovery, options.now));
  }
  return recoveries;
}

/** The day's plan, made before it starts with free-flowing roads. */
function planDay(
  scenario: Scenario,
  network: DayNetwork,
  vehicleIds: readonly string[],
  orders: readonly DayOrder[],
  iterations: number,
): PlanningSolution {
  const [lng, lat] = scenario.fleet.depot;
  const at = (s: number) => SIMULATED_MIDNIGHT_MS + s * 1000;
  const iso = (s: number) => new Date(at(s)).toISOString();
  const vehicles: DispatchVehicle[] = vehicleIds.map((vehicleId) => ({
    vehicleId,
    driverId: null,
    start: { lat, lng },
    end: { lat, lng },
    shiftMs: [at(clockSeconds(scenario.day.start)), at(clockSeconds(scenario.day.end))],
    capacity: { weightKg: scenario.fleet.capacityKg },
    skills: [],
    maxDurationS: null,
    costs: null,
  }));
  const stops: DispatchStop[] = orders.map((order) => ({
    stopId: order.id,
    orderId: order.id,
    kind: "delivery",
    lat: order.point[1],
    lng: order.point[0],
    timeWindows: order.window ? [{ start: iso(order.window[0]), end: iso(order.window[1]) }] : [],
    serviceS: order.serviceS,
    load: { weightKg: order.weightKg, volumeM3: 0, units: 1 },
    skills: [],
    priority: 0,
  }));
  const points = problemPoints(vehicles, stops).map(({ lng: x, lat: y }) => [x, y] as const);
  const matrix = network.matrix(points, Number.NEGATIVE_INFINITY);
  const problem = dispatchProblem(vehicles, stops, matrix, SIMULATED_MIDNIGHT_MS);
  return solvePlan(problem, { objective: "cost", seed: scenario.seed, iterationLimit: iterations });
}

/** When the dispatcher learns of an event: a breakdown or new orders at once, a closure when it starts. */
export function triggerS(event: ScenarioEvent): number {
  return clockSeconds(event.kind === "breakdown" || event.kind === "urgentOrders" ? event.at : event.from);
}

function triggerOf(event: ScenarioEvent): RecoveryTrigger {
  if (event.kind === "breakdown") return "breakdown";
  return event.kind === "urgentOrders" ? "new_orders" : "road_closure";
}

function outcomeOf(
  policy: DayOutcome["policy"],
  day: DayExecution,
  orders: readonly DayOrder[],
  dayEndS: number,
  recoveries: readonly RecoveryRecord[],
): DayOutcome {
  let late = 0;
  let notServed = 0;
  let windowsMissed = 0;
  for (const order of orders) {
    const record = day.delivered.get(order.id);
    if (!record) notServed++;
    if (record && record.lateS > 0) late++;
    if (order.window && (!record || record.lateS > 0)) windowsMissed++;
  }
  const runs = [...day.runs.values()];
  return {
    policy,
    orders: orders.length,
    windowsMissed,
    late,
    notServed,
    distanceM: runs.reduce((sum, run) => sum + run.distanceM, 0),
    drivingS: runs.reduce((sum, run) => sum + run.drivingS, 0),
    overtimeS: runs.reduce((sum, run) => sum + Math.max(0, (run.backS ?? run.freeS) - dayEndS), 0),
    recoveries,
  };
}
