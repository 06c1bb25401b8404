import type { PlanToCheck } from "../planning/check-plan";
import type { PlanningProblem } from "../planning/planning-problem";
import type { PlanningSolution, SolveOptions } from "../planning/planning-solution";
import { solvePlan } from "../planning/solve-plan";
import { plannedTotals } from "./current-routes";
import type { DayExecution, Visit } from "./day-execution";
import {
  type DaySnapshot,
  SIMULATED_MIDNIGHT_MS,
  type SnapshotContext,
  snapshotDay,
  snapshotProblem,
} from "./day-snapshot";
import { naiveRecovery } from "./naive-recovery";
import {
  type PlanTotals,
  type ProposedRoute,
  proposalDiff,
  type RouteTotals,
  worthProposing,
} from "./proposal-diff";

/** How the day reacts to an event: not at all, like a dispatcher without a planner, or with Waybill. */
export type RecoveryPolicy = "none" | "naive" | "waybill";

/** What set a recovery off (the contingency service's trigger kinds). */
export type RecoveryTrigger = "breakdown" | "road_closure" | "new_orders";

/** One recovery made during a simulated day. */
export interface RecoveryRecord {
  readonly atS: number;
  readonly policy: RecoveryPolicy;
  readonly trigger: RecoveryTrigger;
  /** From the trigger to the proposal: live state, problem, matrix, solve, diff; ms of `now`. */
  readonly wallMs: number;
  /** Of which the travel matrix between the problem's locations, ms. */
  readonly matrixMs: number;
  /** Whether the new routes were driven: Waybill's stability rule may find a change not worth it. */
  readonly applied: boolean;
  readonly why: string;
  /** Stops the recovery leaves unserved today. */
  readonly postponed: number;
  /** The re-plan problem and the routes given for it, for checking. */
  readonly problem: PlanningProblem;
  readonly plan: PlanToCheck;
}

/** The naive recovery at `atS`, applied to the day. */
export function recoverNaively(
  day: DayExecution,
  context: SnapshotContext,
  atS: number,
  trigger: RecoveryTrigger,
  now: () => number,
): RecoveryRecord {
  const startedMs = now();
  const snapshot = snapshotDay(day, context, atS, new Map());
  const matrixStartedMs = now();
  const problem = snapshotProblem(snapshot, context.network);
  const matrixMs = now() - matrixStartedMs;
  const plan = naiveRecovery(problem, snapshot.current, snapshot.replan.depotLocation);
  const wallMs = now() - startedMs;
  applyRoutes(day, snapshot, problem, plan, atS);
  const why = "the nearest vehicle takes the stops, appended to its route";
  const postponed = plan.unassigned.length;
  return { atS, policy: "naive", trigger, wallMs, matrixMs, applied: true, why, postponed, problem, plan };
}

/**
 * Waybill's recovery at `atS`, as the contingency service makes it: the live state, the re-plan
 * problem, the travel matrix as the roads are now, the solver (`solve`: a time limit as the
 * service, or iterations for a reproducible run), the diff and the stability rule; a proposal
 * worth making is applied at once (the dispatcher approves it).
 */
export function recoverWithWaybill(
  day: DayExecution,
  context: SnapshotContext,
  atS: number,
  trigger: RecoveryTrigger,
  solve: SolveOptions,
  now: () => number,
): RecoveryRecord {
  // The forecast stands for the live ETAs tracking keeps: not part of the time to a proposal.
  const forecast = forecastDay(day, context, atS);
  const startedMs = now();
  const snapshot = snapshotDay(day, context, atS, forecast.etaS);
  const matrixStartedMs = now();
  const problem = snapshotProblem(snapshot, context.network);
  const matrixMs = now() - matrixStartedMs;
  const solution = solvePlan(problem, { objective: "cost", seed: 1, ...solve });
  const proposed = proposedRoutes(solution, SIMULATED_MIDNIGHT_MS + atS * 1000);
  const postponed = solution.unassigned.map((task) => ({ stopId: task.id, reason: task.reason }));
  const diff = proposalDiff(snapshot.stops, proposed, postponed);
  const broken = new Set(snapshot.vehicles.filter((v) => !v.available).map((v) => v.vehicleId));
  const mustMove = snapshot.stops.some((stop) => stop.vehicleId !== null && broken.has(stop.vehicleId));
  const verdict = worthProposing(
    diff,
    forecast.totals,
    plannedTotals(solution.routes, problem.matrices),
    mustMove,
  );
  const wallMs = now() - startedMs;
  if (verdict.worth) applyRoutes(day, snapshot, problem, solution, atS);
  return {
    atS,
    policy: "waybill",
    trigger,
    wallMs,
    matrixMs,
    applied: verdict.worth,
    why: verdict.why,
    postponed: verdict.worth ? solution.unassigned.length : 0,
    problem,
    plan: solution,
  };
}

/**
 * What the current routes give if nothing changes, with the roads as they are at `atS`: each
 * working vehicle's arrival at its stops and the driving time and distance left.
 */
export function forecastDay(
  day: DayExecution,
  context: SnapshotContext,
  atS: number,
): { etaS: Map<string, number>; totals: RouteTotals } {
  const etaS = new Map<string, number>();
  const totals = new Map<string, PlanTotals>();
  for (const run of day.runs.values()) {
    if (run.broken) continue;
    let durationS = 0;
    let distanceM = 0;
    let at = run.at;
    let clockS = Math.max(run.freeS, atS);
    for (const visit of run.queue) {
      const leg = context.network.leg(at, visit.point, atS);
      if (!Number.isFinite(leg.durationS)) continue;
      durationS += leg.durationS;
      distanceM += leg.distanceM;
      const arrivalS = clockS + leg.durationS;
      const window = visit.orderId ? context.orders.get(visit.orderId)?.window : null;
      if (visit.type === "delivery" && visit.orderId) etaS.set(visit.orderId, arrivalS);
      clockS =
        Math.max(arrivalS, visit.type === "delivery" && window ? window[0] : arrivalS) + visit.serviceS;
      at = visit.point;
    }
    totals.set(run.id, { durationS, distanceM });
  }
  return { etaS, totals };
}

/** The stops of each route in order (a transfer counts at its delivery), with arrival times. */
function proposedRoutes(solution: PlanningSolution, originMs: number): ProposedRoute[] {
  return solution.routes.map((route) => ({
    vehicleId: route.vehicleId,
    stops: route.steps
      .filter((step) => step.id !== undefined && (step.type === "job" || step.type === "delivery"))
      .map((step) => ({ stopId: step.id!, arrivalMs: originMs + step.arrivalS * 1000 })),
  }));
}

/** Gives every working vehicle its route of the plan (none: back to the depot). */
function applyRoutes(
  day: DayExecution,
  snapshot: DaySnapshot,
  problem: PlanningProblem,
  plan: PlanToCheck,
  atS: number,
): void {
  const routes = new Map(plan.routes.map((route) => [route.vehicleId, route.steps]));
  for (const vehicle of problem.vehicles) {
    const steps = routes.get(vehicle.id) ?? [];
    const visits = steps.flatMap((step) => visitOf(problem, snapshot, step));
    day.assign(vehicle.id, visits, atS);
  }
}

function visitOf(
  problem: PlanningProblem,
  snapshot: DaySnapshot,
  step: { readonly type: string; readonly id?: string },
): Visit[] {
  const point = (location: number) => snapshot.pointOfLocation[location]!;
  if (step.type === "job") {
    const job = problem.jobs.find((candidate) => candidate.id === step.id)!;
    return [{ type: "delivery", orderId: job.id, point: point(job.location), serviceS: job.serviceS ?? 0 }];
  }
  if (step.type !== "pickup" && step.type !== "delivery") return [];
  const shipment = problem.shipments?.find((candidate) => candidate.id === step.id);
  if (!shipment) throw new Error(`step ${step.type}:${step.id} is not a task of the problem`);
  const stop = step.type === "pickup" ? shipment.pickup : shipment.delivery;
  return [
    { type: step.type, orderId: shipment.id, point: point(stop.location), serviceS: stop.serviceS ?? 0 },
  ];
}
