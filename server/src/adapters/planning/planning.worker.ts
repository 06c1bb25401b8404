import type { SolveProgress } from "../../domain/planning/planning-solution";
import { solvePlan } from "../../domain/planning/solve-plan";
import { serveWorker } from "../workers/serve-worker";
import type { SolveRequest } from "./planning-protocol";

/**
 * A planning worker thread: runs the solver, posting each progress report (best plan's value
 * over time). The search is synchronous, so cancellation comes through shared memory, not a
 * message: the solver polls the flag between iterations.
 */
serveWorker({
  solve: ({ problem, options, cancelFlag }: SolveRequest, report: (progress: SolveProgress) => void) => {
    const flag = new Int32Array(cancelFlag);
    return solvePlan(problem, {
      ...options,
      now: () => performance.now(),
      onProgress: report,
      isCancelled: () => Atomics.load(flag, 0) === 1,
    });
  },
});
