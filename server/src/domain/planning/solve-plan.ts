import { compileProblem } from "./compiled-problem";
import { describePlan } from "./describe-plan";
import { minimiseFleet } from "./fleet-minimisation";
import { GreedyInsertion } from "./greedy-insertion";
import type { PlanningProblem } from "./planning-problem";
import type { PlanningObjective, PlanningSolution, SolveOptions } from "./planning-solution";
import { SearchBudget } from "./search-budget";
import type { SearchContext } from "./search-context";
import { createSeededRandom } from "./seeded-random";
import { anneal } from "./simulated-annealing";
import { StringRemoval } from "./string-removal";
import { validateProblem } from "./validate-problem";
import { type SolutionValue, WorkingSolution } from "./working-solution";

/** SISR's parameters (Christiaens & Vanden Berghe 2020) and our annealing temperatures. */
const SETTINGS = {
  removal: { averageRemoved: 10, maxStringLength: 10, splitRate: 0.5, splitDepth: 0.01 },
  blinkRate: 0.01,
  annealing: { startTemperature: 1, endTemperature: 0.01 },
  /** Vehicles objective: budget shares of cost cutting with a free fleet, then of fleet minimisation. */
  vehiclesSchedule: { freeUntil: 0.3, fleetUntil: 0.7 },
};

/**
 * Plans routes: validates the problem, builds a first solution by greedy insertion, then improves
 * it with SISR (string removals, greedy insertion with blinks, simulated annealing) until the
 * time or iteration limit or cancellation; with the `vehicles` objective a fleet-minimisation
 * phase first removes as many vehicles as it can. Deterministic for a seed and an iteration limit.
 *
 * @throws PlanningInputError when the problem is inconsistent (the message names the field)
 * @example
 * const plan = solvePlan(problem, { objective: "cost", timeLimitMs: 5000, now: () => performance.now() });
 * plan.routes[0].steps; // start, jobs with arrival, start and departure times and loads, end
 */
export function solvePlan(problem: PlanningProblem, options: SolveOptions): PlanningSolution {
  validateOptions(options);
  validateProblem(problem);
  const compiled = compileProblem(problem);
  const seed = options.seed ?? 1;
  const random = createSeededRandom(seed);
  const budget = new SearchBudget(options);
  const objective = options.objective ?? "cost";
  const reporter = new ProgressReporter(options, budget);
  const noise = { random, blinkRate: SETTINGS.blinkRate };
  const context: SearchContext = {
    problem: compiled,
    random,
    budget,
    removal: new StringRemoval(compiled, SETTINGS.removal, random),
    insertion: new GreedyInsertion(compiled, noise),
    onImproved: (value) => reporter.improved(value),
  };
  const start = new WorkingSolution(compiled);
  const free = start.unassignedTasks();
  const solution = free.length > 0 ? search(context, start, free, objective) : start;
  reporter.finish(solution.value());
  return describePlan(compiled, solution, {
    iterations: budget.iterations,
    elapsedMs: budget.elapsedMs(),
    seed,
    cancelled: budget.cancelled,
  });
}

/** Inserts the free tasks greedily, then improves the solution in the phases of the objective. */
function search(
  context: SearchContext,
  start: WorkingSolution,
  free: number[],
  objective: PlanningObjective,
): WorkingSolution {
  context.insertion.sort(free);
  context.insertion.insert(start, free, "always", []);
  context.onImproved(start.value());
  let solution = start;
  if (objective === "vehicles") {
    // Cut cost with a free fleet first: fleet minimisation keeps the good structure it starts from.
    solution = anneal(context, solution, "cost", SETTINGS.annealing, SETTINGS.vehiclesSchedule.freeUntil);
    solution = minimiseFleet(context, solution, SETTINGS.vehiclesSchedule.fleetUntil);
  }
  return anneal(context, solution, objective, SETTINGS.annealing);
}

function validateOptions(options: SolveOptions): void {
  const { timeLimitMs, iterationLimit, seed } = options;
  if (timeLimitMs !== undefined && !(timeLimitMs >= 0))
    throw new RangeError(`timeLimitMs: expected >= 0, got ${timeLimitMs}`);
  if (iterationLimit !== undefined && !(Number.isInteger(iterationLimit) && iterationLimit >= 0))
    throw new RangeError(`iterationLimit: expected an integer >= 0, got ${iterationLimit}`);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new RangeError(`seed: expected an integer, got ${seed}`);
}

/** Reports the best solution's value, at most every `progressIntervalMs`, and once at the end. */
class ProgressReporter {
  private lastReportMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: SolveOptions,
    private readonly budget: SearchBudget,
  ) {}

  improved(value: SolutionValue): void {
    if (!this.options.onProgress) return;
    const nowMs = this.budget.elapsedMs();
    if (nowMs - this.lastReportMs < (this.options.progressIntervalMs ?? 250)) return;
    this.lastReportMs = nowMs;
    this.send(value, nowMs);
  }

  finish(value: SolutionValue): void {
    if (this.options.onProgress) this.send(value, this.budget.elapsedMs());
  }

  private send(value: SolutionValue, elapsedMs: number): void {
    this.options.onProgress!({
      elapsedMs,
      iterations: this.budget.iterations,
      cost: value.cost,
      vehicles: value.vehicles,
      unassigned: value.unassigned,
    });
  }
}
