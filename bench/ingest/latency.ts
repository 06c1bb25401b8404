/** Percentiles of a set of latencies, milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Collects latency samples while `recording` is on (the steady window of a phase). */
export class LatencyRecorder {
  recording = false;
  private samples: number[] = [];

  record(latencyMs: number): void {
    if (this.recording) this.samples.push(latencyMs);
  }

  /** Nearest-rank percentiles of what was recorded; NaN when nothing was. */
  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return {
      count: sorted.length,
      p50Ms: rank(0.5) ?? Number.NaN,
      p99Ms: rank(0.99) ?? Number.NaN,
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  }

  reset(): void {
    this.samples = [];
    this.recording = false;
  }
}
