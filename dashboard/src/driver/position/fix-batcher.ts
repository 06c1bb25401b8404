import type { PositionFix } from "../outbox/outbox-action";

/** Options of {@link FixBatcher}. */
export interface FixBatcherOptions {
  /** Flush once this many fixes are waiting. */
  readonly maxFixes: number;
  /** Flush once the oldest waiting fix was collected this long ago, ms. */
  readonly maxWaitMs: number;
}

/**
 * Collects the phone's fixes into batches, so sharing the position costs one request every
 * ~10 s instead of one per fix. Fixes not newer than the last one collected are skipped (some
 * phones repeat a cached fix).
 *
 * @example
 * const batcher = new FixBatcher({ maxFixes: 20, maxWaitMs: 10_000 });
 * batcher.add(fix, Date.now());
 * if (batcher.isDue(Date.now())) send(batcher.take());
 */
export class FixBatcher {
  private fixes: PositionFix[] = [];
  private firstAddedAt = 0;
  private lastFixAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: FixBatcherOptions) {}

  /** Collects a fix; `nowMs` is when it arrived. */
  add(fix: PositionFix, nowMs: number): void {
    if (fix.fixAt <= this.lastFixAt) return;
    if (this.fixes.length === 0) this.firstAddedAt = nowMs;
    this.fixes.push(fix);
    this.lastFixAt = fix.fixAt;
  }

  /** True when the batch is full or its oldest fix has waited long enough. */
  isDue(nowMs: number): boolean {
    if (this.fixes.length === 0) return false;
    return this.fixes.length >= this.options.maxFixes || nowMs - this.firstAddedAt >= this.options.maxWaitMs;
  }

  /** Hands over the collected fixes, oldest first, and starts a new batch. */
  take(): PositionFix[] {
    const batch = this.fixes;
    this.fixes = [];
    return batch;
  }
}
