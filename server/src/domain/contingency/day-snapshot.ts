import type { LngLat } from "@waybill/shared";
import type { PlanningProblem } from "../planning/planning-problem";
import { AT_DEPOT, type DayExecution, type Visit } from "./day-execution";
import type { DayNetwork, PointMatrix } from "./day-network";
import type { DayOrder } from "./day-orders";
import {
  type LiveStop,
  type LiveVehicle,
  type ReplanProblem,
  replanProblem,
  withMatrix,
} from "./replan-problem";

/** A fixed calendar day for the simulated clock: seconds from midnight become instants of it. */
export const SIMULATED_MIDNIGHT_MS = Date.UTC(2026, 10, 23);

/** Where things are in the simulated day, and how long a transfer takes. */
export interface SnapshotContext {
  readonly network: DayNetwork;
  readonly orders: ReadonlyMap<string, DayOrder & { readonly pointIndex: number }>;
  readonly capacityKg: number;
  readonly dayEndS: number;
  readonly transferS: number;
}

/** The day at one instant as the contingency service sees it, and the re-plan problem built from it. */
export interface DaySnapshot {
  readonly atS: number;
  readonly vehicles: readonly LiveVehicle[];
  readonly stops: readonly LiveStop[];
  readonly replan: ReplanProblem;
  /** The network point of each of the re-plan problem's locations. */
  readonly pointOfLocation: readonly number[];
  /** Each working vehicle's on-board deliveries in its current order (what it does if nothing changes). */
  readonly current: ReadonlyMap<string, readonly string[]>;
}

const iso = (s: number) => new Date(SIMULATED_MIDNIGHT_MS + s * 1000).toISOString();

/**
 * The live state at `atS` in the contingency service's terms ({@link LiveVehicle}, {@link LiveStop}:
 * goods on a working van, on a broken one, or at the depot), and {@link replanProblem} of it, each
 * vehicle starting where it will next be free (a leg under way is finished first). `etaS` gives
 * the current plan's forecast arrival of each order, for the proposal's before/after windows.
 */
export function snapshotDay(
  day: DayExecution,
  context: SnapshotContext,
  atS: number,
  etaS: ReadonlyMap<string, number>,
): DaySnapshot {
  const { network } = context;
  const pointOf = new Map<object, number>();
  const place = (index: number) => {
    const [lng, lat] = network.pointAt(index);
    const point = { lng, lat };
    pointOf.set(point, index);
    return point;
  };
  const depot = place(day.depot);
  const vehicles: LiveVehicle[] = [...day.runs.values()].map((run) => ({
    vehicleId: run.id,
    driverId: null,
    available: !run.broken,
    position: place(run.at),
    end: depot,
    shiftEndMs: SIMULATED_MIDNIGHT_MS + context.dayEndS * 1000,
    capacity: { weightKg: context.capacityKg },
    departed: [...day.holder.values()].includes(run.id),
  }));
  const stops = openStops(day, context, atS, etaS);
  for (const stop of stops) pointOf.set(stop, context.orders.get(stop.stopId)!.pointIndex);
  const replan = replanProblem(vehicles, stops, {
    nowMs: SIMULATED_MIDNIGHT_MS + atS * 1000,
    depot,
    transferS: context.transferS,
  });
  const current = new Map(
    [...day.runs.values()]
      .filter((run) => !run.broken)
      .map((run) => [run.id, run.queue.flatMap(onBoardDelivery(day, run.id))]),
  );
  return {
    atS,
    vehicles,
    stops,
    replan: startWhenFree(replan, day, atS),
    pointOfLocation: replan.points.map((point) => pointOf.get(point)!),
    current,
  };
}

/** The snapshot's problem with the travel matrix between its locations as the roads are at its instant. */
export function snapshotProblem(snapshot: DaySnapshot, network: DayNetwork): PlanningProblem {
  const points: LngLat[] = snapshot.pointOfLocation.map((index) => network.pointAt(index));
  const matrix: PointMatrix = network.matrix(points, snapshot.atS);
  return withMatrix(snapshot.replan, matrix);
}

/** Orders known by `atS` and not delivered, ordered by holder's route then id: a broken van's in its order. */
function openStops(
  day: DayExecution,
  context: SnapshotContext,
  atS: number,
  etaS: ReadonlyMap<string, number>,
): LiveStop[] {
  const sequence = new Map<string, number>();
  for (const run of day.runs.values()) {
    const deliveries = run.queue.filter((visit) => visit.type === "delivery");
    deliveries.forEach((visit, index) => {
      sequence.set(visit.orderId!, index);
    });
  }
  const vehicleOrder = [...day.runs.keys()];
  const stops: LiveStop[] = [];
  for (const order of context.orders.values()) {
    if (order.knownAtS > atS || day.delivered.has(order.id) || day.unreachable.has(order.id)) continue;
    const holder = day.holder.get(order.id) ?? AT_DEPOT;
    const carried = holder !== AT_DEPOT;
    const eta = etaS.get(order.id);
    stops.push({
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
      status: carried ? "assigned" : "unassigned",
      vehicleId: carried ? holder : null,
      sequence: carried ? (sequence.get(order.id) ?? null) : null,
      etaMs: eta === undefined ? null : SIMULATED_MIDNIGHT_MS + eta * 1000,
    });
  }
  const rank = (stop: LiveStop) =>
    stop.vehicleId === null ? vehicleOrder.length : vehicleOrder.indexOf(stop.vehicleId);
  return stops.sort(
    (a, b) => rank(a) - rank(b) || (a.sequence ?? 0) - (b.sequence ?? 0) || a.stopId.localeCompare(b.stopId),
  );
}

/** The vehicle leaves where it is once it is free: at its snapshot time or after the visit under way. */
function startWhenFree(replan: ReplanProblem, day: DayExecution, atS: number): ReplanProblem {
  const vehicles = replan.problem.vehicles.map((vehicle) => {
    const freeS = Math.max(0, day.run(vehicle.id).freeS - atS);
    return vehicle.onRoad ? { ...vehicle, onRoad: { ...vehicle.onRoad, atS: freeS } } : vehicle;
  });
  return { ...replan, problem: { ...replan.problem, vehicles } };
}

const onBoardDelivery =
  (day: DayExecution, vehicleId: string) =>
  (visit: Visit): string[] =>
    visit.type === "delivery" && visit.orderId !== null && day.holder.get(visit.orderId) === vehicleId
      ? [visit.orderId]
      : [];
