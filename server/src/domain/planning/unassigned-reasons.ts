import { type CompiledProblem, NodeKind } from "./compiled-problem";
import { BestInsertion, findJobInsertion, findShipmentInsertion } from "./insertion";
import type { UnassignedReason } from "./planning-solution";
import { RouteState } from "./route-state";

const NO_NOISE = { random: () => 1, blinkRate: 0 };

/**
 * Why a task is not served, checked in this order: no vehicle has its skills (or is allowed),
 * no such vehicle can carry it, no such vehicle can reach it in its windows within its shift (on
 * its own), then the duration and distance limits; when some vehicle could serve it alone, the
 * fleet was used up by the others.
 *
 * @example
 * explainUnassigned(problem, task); // "time_window_unreachable"
 */
export function explainUnassigned(problem: CompiledProblem, task: number): UnassignedReason {
  const node = problem.taskNode[task]!;
  const dims = problem.dimensions;
  const vehicles = Array.from({ length: problem.vehicleCount }, (_, v) => v).filter(
    (v) => problem.compatible[task * problem.vehicleCount + v] === 1,
  );
  if (vehicles.length === 0) return "no_vehicle_with_skills";
  const carrying = vehicles.filter((v) => {
    for (let d = 0; d < dims; d++)
      if (problem.nodeAmount[node * dims + d]! > problem.vehicleCapacity[v * dims + d]!) return false;
    return true;
  });
  if (carrying.length === 0) return "demand_exceeds_capacity";
  const fitsAlone = (relaxed: CompiledProblem) => carrying.some((v) => canServeAlone(relaxed, v, node));
  if (fitsAlone(problem)) return "fleet_exhausted";
  const unlimited = new Float64Array(problem.vehicleCount).fill(Number.POSITIVE_INFINITY);
  if (!fitsAlone({ ...problem, vehicleMaxDurationS: unlimited, vehicleMaxDistanceM: unlimited }))
    return "time_window_unreachable";
  return fitsAlone({ ...problem, vehicleMaxDurationS: unlimited }) ? "max_duration" : "max_distance";
}

/** Whether vehicle v could serve the task's node with nothing else in its route but its commitments. */
function canServeAlone(problem: CompiledProblem, v: number, node: number): boolean {
  const route = RouteState.initial(problem, v);
  const best = new BestInsertion();
  if (problem.nodeKind[node] === NodeKind.shipmentPickup)
    findShipmentInsertion(problem, route, 0, node, best, NO_NOISE);
  else findJobInsertion(problem, route, 0, node, best, NO_NOISE);
  return best.route >= 0;
}
