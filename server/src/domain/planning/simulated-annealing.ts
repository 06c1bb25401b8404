import type { RouteOpening } from "./greedy-insertion";
import type { PlanningObjective } from "./planning-solution";
import type { SearchContext } from "./search-context";
import { type SolutionValue, WorkingSolution } from "./working-solution";

/** Temperatures of the annealing, as multiples of the mean travel cost of a leg. */
export interface AnnealingSettings {
  readonly startTemperature: number;
  readonly endTemperature: number;
}

/**
 * SISR's main loop: ruin (string removal) and recreate (greedy insertion with blinks) a copy of
 * the current solution; accept it by simulated annealing on cost, cooling exponentially over the
 * budget up to `untilFraction`. Fewer unserved tasks (and, for the vehicles objective, fewer vehicles) are
 * always accepted and never given up. Returns the best solution found.
 */
export function anneal(
  context: SearchContext,
  start: WorkingSolution,
  objective: PlanningObjective,
  settings: AnnealingSettings,
  untilFraction = 1,
): WorkingSolution {
  const { problem, budget, removal, insertion, random } = context;
  const current = start;
  const candidate = new WorkingSolution(problem);
  candidate.copyFrom(current);
  let currentValue = current.value();
  let best = current.snapshot();
  let bestValue = currentValue;
  const legCost = currentValue.cost / Math.max(1, problem.taskCount + currentValue.vehicles);
  const fromFraction = budget.fraction();
  const opening: RouteOpening = objective === "vehicles" ? "when-needed" : "always";
  const touched: number[] = [];
  const removed: number[] = [];
  while (!budget.tick() && budget.fraction() < untilFraction) {
    touched.length = 0;
    removed.length = 0;
    removal.ruin(candidate, removed, touched);
    const tasks = candidate.unassignedTasks();
    insertion.sort(tasks);
    insertion.insert(candidate, tasks, opening, touched);
    const value = candidate.value();
    const progress = (budget.fraction() - fromFraction) / Math.max(1e-9, untilFraction - fromFraction);
    const temperature =
      legCost * settings.startTemperature * (settings.endTemperature / settings.startTemperature) ** progress;
    const order = compareValues(value, currentValue, objective);
    if (order < 0 || (order === 0 && value.cost < currentValue.cost - temperature * Math.log(random()))) {
      current.copyRoutesFrom(candidate, touched);
      currentValue = value;
      if (isBetter(value, bestValue, objective)) {
        best = current.snapshot();
        bestValue = value;
        context.onImproved(value);
      }
    } else candidate.copyRoutesFrom(current, touched);
  }
  current.restore(best);
  return current;
}

/**
 * Compares what outranks cost: unserved weight, then (vehicles objective) vehicles. Negative
 * when `a` is better, 0 when only cost can tell them apart.
 */
function compareValues(a: SolutionValue, b: SolutionValue, objective: PlanningObjective): number {
  if (a.unassignedWeight !== b.unassignedWeight) return a.unassignedWeight - b.unassignedWeight;
  if (objective === "vehicles" && a.vehicles !== b.vehicles) return a.vehicles - b.vehicles;
  return 0;
}

/** Whether `a` is strictly better than `b`. */
function isBetter(a: SolutionValue, b: SolutionValue, objective: PlanningObjective): boolean {
  const order = compareValues(a, b, objective);
  return order < 0 || (order === 0 && a.cost < b.cost - 1e-9);
}
