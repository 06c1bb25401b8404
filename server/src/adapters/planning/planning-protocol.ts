import type { PlanningProblem } from "../../domain/planning/planning-problem";
import type { PlanningSolution, SolveOptions } from "../../domain/planning/planning-solution";

/** Options of a run in a worker: the clock, progress and cancellation are the worker's own. */
export type WorkerSolveOptions = Omit<SolveOptions, "now" | "onProgress" | "isCancelled">;

/** The argument of the worker's `solve` method. */
export interface SolveRequest {
  readonly problem: PlanningProblem;
  readonly options: WorkerSolveOptions;
  /** One Int32: set to 1 (Atomics.store) to stop the search; read by the busy worker. */
  readonly cancelFlag: SharedArrayBuffer;
}

/** The methods of planning.worker.ts. */
export interface PlanningMethods {
  solve: (arg: SolveRequest) => PlanningSolution;
}
