import { latenessS } from "../tracking/eta";
import type { LiveStop } from "./replan-problem";

/** A proposed route: the stops in order with when the vehicle gets there. */
export interface ProposedRoute {
  readonly vehicleId: string;
  readonly stops: readonly { readonly stopId: string; readonly arrivalMs: number }[];
}

/** Whether a stop's promised window is kept: before (by the live ETA) and after (by the proposal). */
export type WindowVerdict = "kept" | "missed" | "unknown" | "postponed";

/** One stop the proposal changes (or leaves in place but re-times). */
export interface StopChange {
  readonly stopId: string;
  readonly orderId: string;
  readonly fromVehicleId: string | null;
  readonly toVehicleId: string | null;
  readonly fromSequence: number | null;
  readonly toSequence: number | null;
  readonly etaBeforeMs: number | null;
  readonly etaAfterMs: number | null;
  readonly windowBefore: WindowVerdict;
  readonly windowAfter: WindowVerdict;
  /** Why it is postponed, when the proposal cannot serve it today. */
  readonly reason: string | null;
}

/** What a proposal changes, and whether it is worth a dispatcher's attention. */
export interface ProposalDiff {
  readonly changes: readonly StopChange[];
  readonly moved: number;
  readonly resequenced: number;
  readonly postponed: number;
  readonly windowsKeptBefore: number;
  readonly windowsKeptAfter: number;
}

/**
 * Compares the live plan with a proposal, stop by stop: vehicle and position before and after,
 * the ETA before (each stop's `etaMs`) and after (the proposal's), and whether the promised window
 * is kept. A stop whose vehicle is in `outOfService` has no ETA before: its window is missed unless
 * the proposal serves it in time.
 */
export function proposalDiff(
  stops: readonly LiveStop[],
  proposed: readonly ProposedRoute[],
  postponed: readonly { readonly stopId: string; readonly reason: string }[],
  outOfService: ReadonlySet<string> = new Set(),
): ProposalDiff {
  const after = new Map<string, { vehicleId: string; sequence: number; arrivalMs: number }>();
  for (const route of proposed)
    route.stops.forEach((stop, sequence) => {
      after.set(stop.stopId, { vehicleId: route.vehicleId, sequence, arrivalMs: stop.arrivalMs });
    });
  const reasons = new Map(postponed.map((entry) => [entry.stopId, entry.reason]));
  const changes = stops.map((stop): StopChange => {
    const next = after.get(stop.stopId);
    const stranded = stop.vehicleId !== null && outOfService.has(stop.vehicleId);
    const etaBeforeMs = stranded ? null : stop.etaMs;
    return {
      stopId: stop.stopId,
      orderId: stop.orderId,
      fromVehicleId: stop.vehicleId,
      toVehicleId: next?.vehicleId ?? null,
      fromSequence: stop.sequence,
      toSequence: next?.sequence ?? null,
      etaBeforeMs,
      etaAfterMs: next?.arrivalMs ?? null,
      windowBefore: stranded && stop.timeWindows.length > 0 ? "missed" : verdict(etaBeforeMs, stop),
      windowAfter: next ? verdict(next.arrivalMs, stop) : "postponed",
      reason: next ? null : (reasons.get(stop.stopId) ?? "not served today"),
    };
  });
  return {
    changes,
    moved: changes.filter((c) => c.toVehicleId !== null && c.toVehicleId !== c.fromVehicleId).length,
    resequenced: changes.filter(
      (c) => c.toVehicleId !== null && c.toVehicleId === c.fromVehicleId && c.toSequence !== c.fromSequence,
    ).length,
    postponed: changes.filter((c) => c.toVehicleId === null).length,
    windowsKeptBefore: changes.filter((c) => c.windowBefore === "kept").length,
    windowsKeptAfter: changes.filter((c) => c.windowAfter === "kept").length,
  };
}

/** Kept or missed by that arrival; unknown without an arrival time or a promised window. */
function verdict(etaMs: number | null, stop: LiveStop): WindowVerdict {
  if (etaMs === null || stop.timeWindows.length === 0) return "unknown";
  return latenessS(etaMs, stop.timeWindows) > 0 ? "missed" : "kept";
}

/** Totals of the live plan and of a proposal, for the stability rule. */
export interface PlanTotals {
  readonly durationS: number;
  readonly distanceM: number;
}

/** Each vehicle's driving, by vehicle id: the current routes' or a proposal's. */
export type RouteTotals = ReadonlyMap<string, PlanTotals>;

/** The fleet's driving: every route's summed. */
export function fleetTotals(routes: RouteTotals): PlanTotals {
  let durationS = 0;
  let distanceM = 0;
  for (const totals of routes.values()) {
    durationS += totals.durationS;
    distanceM += totals.distanceM;
  }
  return { durationS, distanceM };
}

/** How much a proposal must save of the driving of the routes it changes to be worth making. */
export interface StabilityRule {
  /** Share of those routes' driving time. */
  readonly minGain: number;
  /** And at least this many seconds in all: no driver's route changes to save seconds. */
  readonly minSavedS: number;
}

const STABILITY: StabilityRule = { minGain: 0.05, minSavedS: 60 };

/**
 * Stability: a proposal is worth making when a vehicle's stops must move anyway (it broke
 * down), when it keeps more windows, or when it saves at least `minGain` of the driving time of
 * the routes it changes (and `minSavedS`). The gain is weighed against the routes that change,
 * not the whole fleet's: a closure that costs two of twenty vans a detour each is worth re-ordering
 * their stops even though the fleet as a whole hardly notices. A plan that changes little for
 * little gain is not proposed.
 */
export function worthProposing(
  diff: ProposalDiff,
  before: RouteTotals,
  after: RouteTotals,
  mustMove: boolean,
  rule: StabilityRule = STABILITY,
): { readonly worth: boolean; readonly why: string } {
  const changed = diff.moved + diff.resequenced + diff.postponed > 0;
  if (mustMove) return { worth: true, why: "a vehicle is out of service: its stops must move" };
  if (diff.windowsKeptAfter > diff.windowsKeptBefore)
    return {
      worth: true,
      why: `keeps ${diff.windowsKeptAfter - diff.windowsKeptBefore} more promised window(s)`,
    };
  const changedVehicles = new Set<string>();
  for (const change of diff.changes)
    if (change.fromVehicleId !== change.toVehicleId || change.fromSequence !== change.toSequence)
      for (const vehicleId of [change.fromVehicleId, change.toVehicleId])
        if (vehicleId !== null) changedVehicles.add(vehicleId);
  const drivingS = (routes: RouteTotals) =>
    [...changedVehicles].reduce((sum, vehicleId) => sum + (routes.get(vehicleId)?.durationS ?? 0), 0);
  const savedS = drivingS(before) - drivingS(after);
  if (changed && savedS >= rule.minSavedS && savedS >= drivingS(before) * rule.minGain)
    return {
      worth: true,
      why: `saves ${Math.round(savedS / 60)} min of driving on the ${changedVehicles.size} route(s) it changes`,
    };
  return {
    worth: false,
    why: changed
      ? "the gain is too small to change the drivers' routes"
      : "the current routes are already best",
  };
}
