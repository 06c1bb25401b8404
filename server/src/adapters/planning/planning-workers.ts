import type { PlanningProblem } from "../../domain/planning/planning-problem";
import type { PlanningSolution, SolveProgress } from "../../domain/planning/planning-solution";
import { validateProblem } from "../../domain/planning/validate-problem";
import { WorkerClient } from "../workers/worker-client";
import type { SolveRequest, WorkerSolveOptions } from "./planning-protocol";

const workerEntry = new URL("./planning.worker.ts", import.meta.url);

/** A plan being computed in a worker thread. */
export interface PlanningRun {
  /** The plan: the best found when the limit is reached or the run is cancelled. */
  readonly result: Promise<PlanningSolution>;
  /** Stops the search early; `result` then resolves with the best plan so far. */
  cancel(): void;
}

/**
 * Route planning in worker threads: each run goes to the least busy worker (a busy worker queues
 * it), reports the best plan's value over time and can be cancelled. The event loop that ingests
 * telemetry never plans. The problem is validated here first, so bad input fails at once with
 * the PlanningInputError that names the field.
 *
 * @example
 * const workers = new PlanningWorkers(1);
 * const run = workers.solve(problem, { timeLimitMs: 5000 }, (p) => log(p.cost));
 * const plan = await run.result;
 */
export class PlanningWorkers {
  private readonly workers: WorkerClient[];

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new WorkerClient(workerEntry));
  }

  /** Starts a run; throws PlanningInputError synchronously when the problem is inconsistent. */
  solve(
    problem: PlanningProblem,
    options: WorkerSolveOptions,
    onProgress?: (progress: SolveProgress) => void,
  ): PlanningRun {
    validateProblem(problem);
    const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const request: SolveRequest = { problem, options, cancelFlag };
    const result = this.leastBusy().call<PlanningSolution>("solve", request, (progress) =>
      onProgress?.(progress as SolveProgress),
    );
    return { result, cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private leastBusy(): WorkerClient {
    let best = this.workers[0]!;
    for (const worker of this.workers) if (worker.busy < best.busy) best = worker;
    return best;
  }
}
