import type { Db } from "../../server/src/adapters/db/database";
import { naiveRecovery } from "../../server/src/domain/contingency/naive-recovery";
import { replanProblem, withMatrix } from "../../server/src/domain/contingency/replan-problem";
import { checkPlan, type PlanCheck, type PlanToCheck } from "../../server/src/domain/planning/check-plan";
import type { PlanningProblem } from "../../server/src/domain/planning/planning-problem";
import { type LiveState, loadLiveState } from "../../server/src/services/contingency/live-state";
import type { Api } from "./live-day";

/** Seconds a transfer from a broken-down van takes in all: the contingency service's TRANSFER_S. */
const TRANSFER_S = 10 * 60;

/** The re-plan problem of the live state a proposal was made from, with what each van does now. */
export interface SameState {
  readonly problem: PlanningProblem;
  readonly depotLocation: number;
  /** Each working van's stops in their current order. */
  readonly current: ReadonlyMap<string, readonly string[]>;
}

/** A recovery's routes on the same state, re-timed by checkPlan, and the windows it misses. */
export interface RecoveryOutcome {
  readonly plan: PlanToCheck;
  readonly check: PlanCheck;
  readonly windowsMissed: number;
}

/**
 * The problem the contingency service solved for a proposal, rebuilt from the live state now (the
 * same routes: `basis` is the proposal's fingerprint of them) with the road matrix of the running
 * system.
 *
 * @throws Error when the routes changed since the proposal (not the same state).
 */
export async function sameState(db: Db, api: Api, organisationId: string, basis: string): Promise<SameState> {
  const nowMs = Date.now();
  const state = await loadLiveState(db, organisationId, nowMs, new Set());
  if (state.basis !== basis) throw new Error("the routes changed since the proposal was made");
  const replan = replanProblem(state.vehicles, state.stops, {
    nowMs,
    depot: state.depot,
    transferS: TRANSFER_S,
  });
  const res = await api("/api/v1/matrix", {
    method: "POST",
    json: { sources: replan.points.map((point) => [point.lng, point.lat]) },
  });
  const matrix = (await res.json()) as { durationsS: (number | null)[][]; distancesM: (number | null)[][] };
  const flat = (cells: (number | null)[][]) => cells.flat().map((value) => value ?? Number.POSITIVE_INFINITY);
  return {
    problem: withMatrix(replan, { durationsS: flat(matrix.durationsS), distancesM: flat(matrix.distancesM) }),
    depotLocation: replan.depotLocation,
    current: routesOf(state),
  };
}

/** The naive recovery (the benchmark's baseline) on the same state. */
export function naiveOutcome(same: SameState): RecoveryOutcome {
  return outcome(same.problem, naiveRecovery(same.problem, same.current, same.depotLocation));
}

/**
 * The routes the approval carried out, read back from the database, on the same state: each
 * van's stops in their new order. The database keeps where goods are delivered, not where a van
 * collects the goods it takes over from a broken one: see {@link withCollections}.
 */
export async function appliedOutcome(
  db: Db,
  organisationId: string,
  same: SameState,
): Promise<RecoveryOutcome> {
  const applied = routesOf(await loadLiveState(db, organisationId, Date.now(), new Set()));
  const { problem } = same;
  const served = new Set([...applied.values()].flat());
  const routes = problem.vehicles
    .map((vehicle) => ({
      vehicleId: vehicle.id,
      steps: withCollections(problem, vehicle.id, applied.get(vehicle.id) ?? []),
    }))
    .filter((route) => route.steps.length > 0);
  const unassigned = [
    ...problem.jobs.filter((job) => !served.has(job.id)).map((job) => ({ type: "job" as const, id: job.id })),
    ...(problem.shipments ?? [])
      .filter((shipment) => !served.has(shipment.id))
      .map((shipment) => ({ type: "shipment" as const, id: shipment.id })),
  ];
  return outcome(problem, { routes, unassigned });
}

/** Goods taken over by one van beyond which the ways of collecting them are not all tried. */
const MAX_TAKEN_OVER = 12;

/**
 * A van's steps for its stops in order, with the collection of the goods it takes over: they are
 * collected in batches, each just before the first of its deliveries; of every way to cut the
 * deliveries (in their order) into batches, the one checkPlan finds the fewest faults in, then the
 * shortest, as the solver would have chosen.
 */
function withCollections(problem: PlanningProblem, vehicleId: string, stopIds: readonly string[]): Step[] {
  const shipments = new Set((problem.shipments ?? []).map((s) => s.id));
  const taken = stopIds.filter((id) => shipments.has(id));
  if (taken.length > MAX_TAKEN_OVER)
    throw new Error(
      `van ${vehicleId} takes over ${taken.length} deliveries: at most ${MAX_TAKEN_OVER} are searched`,
    );
  let best: { steps: Step[]; faults: number; durationS: number } | null = null;
  for (let cuts = 0; cuts < 2 ** Math.max(0, taken.length - 1); cuts++) {
    const steps = batched(stopIds, taken, cuts, shipments);
    const check = checkPlan(problem, { routes: [{ vehicleId, steps }], unassigned: [] });
    const faults = check.violations.filter((v) => v.startsWith(`vehicle ${vehicleId}:`)).length;
    const durationS = check.routes[0]?.durationS ?? 0;
    if (!best || faults < best.faults || (faults === best.faults && durationS < best.durationS))
      best = { steps, faults, durationS };
  }
  return best?.steps ?? [];
}

/** The steps with the taken-over deliveries collected in batches: bit i of `cuts` starts a batch at taken[i + 1]. */
function batched(
  stopIds: readonly string[],
  taken: readonly string[],
  cuts: number,
  shipments: ReadonlySet<string>,
): Step[] {
  const batchOf = (index: number) => {
    let end = index + 1;
    while (end < taken.length && !(cuts & (1 << (end - 1)))) end++;
    return taken.slice(index, end);
  };
  const steps: Step[] = [];
  for (const id of stopIds) {
    const index = taken.indexOf(id);
    if (index === 0 || (index > 0 && cuts & (1 << (index - 1))))
      for (const collected of batchOf(index)) steps.push({ type: "pickup", id: collected });
    steps.push({ type: shipments.has(id) ? "delivery" : "job", id });
  }
  return steps;
}

type Step = { readonly type: string; readonly id: string };

function outcome(problem: PlanningProblem, plan: PlanToCheck): RecoveryOutcome {
  const check = checkPlan(problem, plan);
  return { plan, check, windowsMissed: windowsMissed(problem, plan, check) };
}

/** Deliveries served after their last window closes, and deliveries with a window not served at all. */
export function windowsMissed(problem: PlanningProblem, plan: PlanToCheck, check: PlanCheck): number {
  const windowEnd = new Map<string, number>();
  for (const task of [
    ...problem.jobs,
    ...(problem.shipments ?? []).map((s) => ({ id: s.id, ...s.delivery })),
  ]) {
    const last = task.timeWindows?.at(-1);
    if (last) windowEnd.set(task.id, last[1]);
  }
  const late = check.routes
    .flatMap((route) => route.steps)
    .filter(
      (step) =>
        step.type !== "pickup" && step.id !== undefined && step.startS > (windowEnd.get(step.id) ?? Infinity),
    );
  const unserved = plan.unassigned.filter((task) => windowEnd.has(task.id));
  return late.length + unserved.length;
}

/** Each working van's open stops in their order on its route. */
function routesOf(state: LiveState): Map<string, string[]> {
  const working = state.vehicles.filter((vehicle) => vehicle.available);
  return new Map(
    working.map((vehicle) => [
      vehicle.vehicleId,
      state.stops
        .filter((stop) => stop.vehicleId === vehicle.vehicleId)
        .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))
        .map((stop) => stop.stopId),
    ]),
  );
}
