import type { CompiledProblem } from "./compiled-problem";

/**
 * When service at `node` starts if the vehicle arrives at `arrivalS`: in the earliest window that
 * has not closed yet (waiting for it to open); Infinity when every window has closed.
 */
export function earliestStartS(problem: CompiledProblem, node: number, arrivalS: number): number {
  const { windowOffset, windowStartS, windowEndS } = problem;
  const last = windowOffset[node + 1]!;
  for (let w = windowOffset[node]!; w < last; w++) {
    if (arrivalS <= windowEndS[w]!) return Math.max(arrivalS, windowStartS[w]!);
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The latest start of service at `node` that is in one of its windows and not after `boundS`;
 * -Infinity when every window opens after the bound.
 */
export function latestStartS(problem: CompiledProblem, node: number, boundS: number): number {
  const { windowOffset, windowStartS, windowEndS } = problem;
  for (let w = windowOffset[node + 1]! - 1; w >= windowOffset[node]!; w--) {
    if (windowStartS[w]! <= boundS) return Math.min(windowEndS[w]!, boundS);
  }
  return Number.NEGATIVE_INFINITY;
}

/** End of the window in which service at `node` starts at `startS` (the earliest one not closed). */
export function windowEndAtS(problem: CompiledProblem, node: number, startS: number): number {
  const { windowOffset, windowEndS } = problem;
  const last = windowOffset[node + 1]! - 1;
  for (let w = windowOffset[node]!; w < last; w++) if (startS <= windowEndS[w]!) return windowEndS[w]!;
  return windowEndS[last]!;
}

/**
 * A route's duration from its earliest schedule, step by step: the time from leaving the start to
 * arriving at the end when the vehicle leaves as late as it can without missing a window or
 * arriving later at the end (Savelsbergh's forward time slack). Waiting that a later departure
 * would absorb does not count; waiting in the middle of the route does.
 */
export class RouteDurationMeter {
  private firstS = 0;
  private lastS = 0;
  private waitS = 0;
  private slackS = Number.POSITIVE_INFINITY;

  /** The route's first step: the vehicle is ready to leave at `startS`. */
  begin(startS: number): void {
    this.firstS = startS;
    this.lastS = startS;
    this.waitS = 0;
    this.slackS = Number.POSITIVE_INFINITY;
  }

  /** A later step, reached at `arrivalS`, begun at `startS` in a window closing at `windowEndS`. */
  step(arrivalS: number, startS: number, windowEndS: number): void {
    this.waitS += startS - arrivalS;
    const slackS = this.waitS + windowEndS - startS;
    if (slackS < this.slackS) this.slackS = slackS;
    this.lastS = startS;
  }

  /** Duration up to the last step. */
  get durationS(): number {
    return this.lastS - this.firstS - Math.max(0, Math.min(this.slackS, this.waitS));
  }
}
