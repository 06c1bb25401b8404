import type { SolveOptions } from "./planning-solution";

/**
 * How often the clock and the cancellation flag are read, in ms: reading a clock can cost more
 * than an iteration (process CPU time is a system call), so the polling interval in iterations
 * adapts to this.
 */
const POLL_EVERY_MS = 2;
const MAX_POLL_INTERVAL = 1024;

/**
 * The limits of one run: iterations, time (from the injected clock) and cancellation. The
 * search reads `fraction` (0 at the start, 1 at the limit) to cool its temperature.
 */
export class SearchBudget {
  iterations = 0;
  cancelled = false;
  private readonly startedAtMs: number;
  private elapsed = 0;
  private stopped = false;
  /** Iterations between polls, and the iteration of the next poll. */
  private pollInterval = 1;
  private nextPoll = 1;

  constructor(private readonly options: SolveOptions) {
    if (options.timeLimitMs !== undefined && !options.now)
      throw new Error("SolveOptions.timeLimitMs needs a clock: pass `now` (performance.now)");
    if (options.timeLimitMs === undefined && options.iterationLimit === undefined && !options.isCancelled)
      throw new Error(
        "SolveOptions: give timeLimitMs, iterationLimit or isCancelled, or the search never ends",
      );
    this.startedAtMs = options.now?.() ?? 0;
  }

  elapsedMs(): number {
    return this.options.now ? this.options.now() - this.startedAtMs : 0;
  }

  /** Counts an iteration; true once a limit is reached or the run is cancelled. */
  tick(): boolean {
    this.iterations++;
    const { iterationLimit } = this.options;
    if (iterationLimit !== undefined && this.iterations >= iterationLimit) this.stopped = true;
    else if (this.iterations >= this.nextPoll) this.poll();
    return this.stopped;
  }

  /** Share of the budget used, in [0, 1]. */
  fraction(): number {
    const { timeLimitMs, iterationLimit } = this.options;
    const byTime = timeLimitMs === undefined ? 0 : this.elapsed / Math.max(1, timeLimitMs);
    const byIterations = iterationLimit === undefined ? 0 : this.iterations / iterationLimit;
    return Math.min(1, Math.max(byTime, byIterations));
  }

  get exhausted(): boolean {
    return this.stopped;
  }

  private poll(): void {
    const elapsed = this.elapsedMs();
    const sinceLastMs = elapsed - this.elapsed;
    if (sinceLastMs < POLL_EVERY_MS / 2)
      this.pollInterval = Math.min(MAX_POLL_INTERVAL, this.pollInterval * 2);
    else if (sinceLastMs > POLL_EVERY_MS * 2) this.pollInterval = Math.max(1, this.pollInterval / 2);
    this.nextPoll = this.iterations + this.pollInterval;
    this.elapsed = elapsed;
    if (this.options.isCancelled?.()) this.cancelled = true;
    const { timeLimitMs } = this.options;
    this.stopped = this.cancelled || (timeLimitMs !== undefined && this.elapsed >= timeLimitMs);
  }
}
