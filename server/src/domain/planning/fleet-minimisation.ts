import { NodeKind } from "./compiled-problem";
import type { SearchContext } from "./search-context";
import { randomIndex } from "./seeded-random";
import { WorkingSolution } from "./working-solution";

/**
 * SISR's fleet minimisation: take a route out, then ruin and recreate with one vehicle fewer,
 * accepting a solution when fewer tasks are unserved or when the unserved ones have been absent
 * less often (each iteration counts an absence for every unserved task, so the hard ones get
 * inserted first in the end). Every time all tasks are served again, a vehicle is saved and the
 * next route goes. Stops at `untilFraction` of the budget or at the capacity lower bound; returns
 * the solution with the fewest vehicles that serves as much as `start`.
 */
export function minimiseFleet(
  context: SearchContext,
  start: WorkingSolution,
  untilFraction: number,
): WorkingSolution {
  const { problem, budget, removal, insertion, random } = context;
  const current = start;
  const target = current.value().unassigned;
  const lowerBound = fleetLowerBound(context);
  const absences = new Float64Array(problem.taskCount);
  const candidate = new WorkingSolution(problem);
  let best = current.snapshot();
  const touched: number[] = [];
  const removed: number[] = [];
  let unserved = current.unassignedTasks();
  /** The fleet being tried: one vehicle fewer than the best so far. */
  let vehicles = current.value().vehicles;
  while (!budget.exhausted && budget.fraction() < untilFraction) {
    if (unserved.length <= target) {
      best = current.snapshot();
      context.onImproved(current.value());
      vehicles = current.value().vehicles - 1;
      if (vehicles < lowerBound || !removeSmallestRoute(current)) break;
      unserved = current.unassignedTasks();
      candidate.copyFrom(current);
    }
    if (budget.tick()) break;
    touched.length = 0;
    removed.length = 0;
    const around = problem.taskNode[unserved[randomIndex(random, unserved.length)]!]!;
    removal.ruin(candidate, removed, touched, around);
    const tasks = candidate.unassignedTasks();
    tasks.sort((a, b) => absences[b]! - absences[a]! || a - b);
    insertion.insert(candidate, tasks, "when-needed", touched, vehicles);
    const left = candidate.unassignedTasks();
    if (left.length < unserved.length || absenceOf(left, absences) < absenceOf(unserved, absences)) {
      current.copyRoutesFrom(candidate, touched);
      unserved = left;
    } else candidate.copyRoutesFrom(current, touched);
    for (const task of unserved) absences[task]!++;
  }
  current.restore(best);
  return current;
}

const absenceOf = (tasks: readonly number[], absences: Float64Array): number =>
  tasks.reduce((sum, task) => sum + absences[task]!, 0);

/** Empties the used route with the fewest stops (no committed ones); false when there is none. */
function removeSmallestRoute(solution: WorkingSolution): boolean {
  let smallest = -1;
  let used = 0;
  solution.routes.forEach((route, r) => {
    if (!route.used) return;
    used++;
    if (route.lockedCount === 0 && (smallest < 0 || route.taskStops < solution.routes[smallest]!.taskStops))
      smallest = r;
  });
  if (smallest < 0 || used <= 1) return false;
  solution.clearRoute(smallest);
  return true;
}

/** Vehicles needed at least to carry every job's amount in every dimension. */
function fleetLowerBound({ problem }: SearchContext): number {
  const dims = problem.dimensions;
  let bound = 1;
  for (const kind of [NodeKind.deliveryJob, NodeKind.pickupJob]) {
    for (let d = 0; d < dims; d++) {
      let total = 0;
      let largest = 0;
      for (let t = 0; t < problem.jobCount; t++) {
        const node = problem.taskNode[t]!;
        if (problem.nodeKind[node] === kind) total += problem.nodeAmount[node * dims + d]!;
      }
      for (let v = 0; v < problem.vehicleCount; v++)
        largest = Math.max(largest, problem.vehicleCapacity[v * dims + d]!);
      if (total > 0 && largest > 0) bound = Math.max(bound, Math.ceil(total / largest - 1e-9));
    }
  }
  return bound;
}
