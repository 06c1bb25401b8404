/**
 * What the page recorded over one window: every requestAnimationFrame timestamp, every long task
 * (PerformanceObserver 'longtask': main-thread work of 50 ms or more) and the console's map
 * counters (`window.__waybill.mapStats()`) at both ends.
 */
export interface FrameRecording {
  readonly frameTimesMs: number[];
  readonly longTaskMs: number[];
  readonly stats: { readonly before: MapCounters; readonly after: MapCounters };
}

/** The console's running counters (dashboard/src/app/dispatch/debug-hook.ts `MapStats`). */
export interface MapCounters {
  readonly fixesApplied: number;
  readonly vehicleDraws: number;
  readonly mapRenders: number;
}

/**
 * The in-page recorder, as source text: page.evaluate gets a string so that no helper the
 * TypeScript loader adds to compiled functions (esbuild's `__name`) ends up in the page.
 * It counts frames with requestAnimationFrame for `durationMs` and resolves a {@link FrameRecording}.
 */
export function frameProbeScript(durationMs: number): string {
  return `new Promise((resolve) => {
    const hook = window.__waybill;
    const frameTimesMs = [];
    const longTaskMs = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTaskMs.push(entry.duration);
    });
    observer.observe({ type: "longtask" });
    const before = hook.mapStats();
    const start = performance.now();
    const tick = (now) => {
      frameTimesMs.push(now);
      if (now - start < ${durationMs}) return requestAnimationFrame(tick);
      // Long tasks are reported after they end: give the last one a moment to arrive.
      setTimeout(() => {
        observer.disconnect();
        resolve({ frameTimesMs, longTaskMs, stats: { before, after: hook.mapStats() } });
      }, 100);
    };
    requestAnimationFrame(tick);
  })`;
}

/** Frame-rate figures of one window. */
export interface FrameSummary {
  readonly seconds: number;
  readonly frames: number;
  /** Frames per second over the whole window. */
  readonly meanFps: number;
  /** 1000 / median frame interval. */
  readonly p50Fps: number;
  /** 1000 / 95th-percentile frame interval: the slow end (5 % of frames were slower). */
  readonly p5Fps: number;
  /** Frames in the slowest whole second of the window. */
  readonly worstSecondFps: number;
  readonly maxFrameMs: number;
  readonly longTasks: number;
  readonly longTaskTotalMs: number;
  readonly longTaskMaxMs: number;
  /** Per second: live fixes applied to the fleet table, vehicle setData calls, maplibre renders. */
  readonly fixesPerSecond: number;
  readonly drawsPerSecond: number;
  readonly mapRendersPerSecond: number;
}

/**
 * Reduces a recording to the figures of the report.
 *
 * @example
 * summarizeFrames({ frameTimesMs: [0, 16.7, 33.3], longTaskMs: [], stats }).meanFps; // ≈ 60
 */
export function summarizeFrames(recording: FrameRecording): FrameSummary {
  const times = recording.frameTimesMs;
  const intervals = times.slice(1).map((t, i) => t - times[i]!);
  const seconds = (times.at(-1)! - times[0]!) / 1000;
  const perSecond = (key: keyof MapCounters) =>
    (recording.stats.after[key] - recording.stats.before[key]) / seconds;
  return {
    seconds,
    frames: intervals.length,
    meanFps: intervals.length / seconds,
    p50Fps: 1000 / percentile(intervals, 0.5),
    p5Fps: 1000 / percentile(intervals, 0.95),
    worstSecondFps: worstSecond(times),
    maxFrameMs: Math.max(...intervals),
    longTasks: recording.longTaskMs.length,
    longTaskTotalMs: recording.longTaskMs.reduce((sum, ms) => sum + ms, 0),
    longTaskMaxMs: Math.max(0, ...recording.longTaskMs),
    fixesPerSecond: perSecond("fixesApplied"),
    drawsPerSecond: perSecond("vehicleDraws"),
    mapRendersPerSecond: perSecond("mapRenders"),
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Fewest frames in any whole second [start + k s, start + (k + 1) s) of the window. */
function worstSecond(times: readonly number[]): number {
  const start = times[0]!;
  const buckets = new Array<number>(Math.floor((times.at(-1)! - start) / 1000)).fill(0);
  for (const t of times) {
    const bucket = Math.floor((t - start) / 1000);
    if (bucket < buckets.length) buckets[bucket]!++;
  }
  return buckets.length === 0 ? Number.NaN : Math.min(...buckets);
}
