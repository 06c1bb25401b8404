import type { LatestState, TelemetryBatch, TelemetryStore } from "../ports/telemetry-store";
import type { MessageWork } from "./message-work";

/** What happens after a batch is durably stored, in order (broadcast, then acknowledge). */
export type AfterStore = (works: readonly MessageWork[], latest: readonly LatestState[]) => void;

/** Tuning and observation hooks of the writer. */
export interface BatchWriterOptions {
  /** Most positions in one transaction. */
  readonly maxPositions: number;
  readonly afterStore: AfterStore;
  readonly onStored?: (info: { positions: number; inserted: number; durationMs: number }) => void;
  readonly onFailure?: (error: unknown, attempt: number) => void;
}

/**
 * Store and latest state, as one transaction per batch (group commit): while one transaction runs,
 * messages queue; when it ends, everything queued goes in the next one. Small batches at low load
 * (low latency), large ones under pressure (throughput), and never one INSERT per position.
 * A failed transaction is retried with backoff and nothing is acknowledged until it succeeds.
 */
export class BatchWriter {
  private queue: MessageWork[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: TelemetryStore,
    private readonly options: BatchWriterOptions,
  ) {}

  /** Messages waiting for or inside a transaction. */
  get pending(): number {
    return this.queue.length;
  }

  submit(work: MessageWork): void {
    this.queue.push(work);
    this.running ??= this.drainQueue().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once everything submitted so far is stored. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0) {
      const works = this.takeBatch();
      const batch = toBatch(works);
      await this.writeWithRetry(batch);
      this.options.afterStore(works, batch.latest);
    }
  }

  private takeBatch(): MessageWork[] {
    let positions = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 || positions + this.queue[count]!.accepted.length <= this.options.maxPositions)
    ) {
      positions += this.queue[count]!.accepted.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async writeWithRetry(batch: TelemetryBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const startedAt = performance.now();
      try {
        const { positionsInserted } = await this.store.writeBatch(batch);
        const durationMs = performance.now() - startedAt;
        this.options.onStored?.({
          positions: batch.positions.length,
          inserted: positionsInserted,
          durationMs,
        });
        return;
      } catch (error) {
        this.options.onFailure?.(error, attempt);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
      }
    }
  }
}

/** Flattens messages into one batch with the newest fix of each vehicle as its latest state. */
function toBatch(works: readonly MessageWork[]): TelemetryBatch {
  const positions = [];
  const rejects = [];
  const latest = new Map<string, LatestState>();
  for (const work of works) {
    for (const p of work.accepted) {
      positions.push(p);
      const current = latest.get(p.vehicleId);
      if (!current || current.fixAt < p.fixAt) {
        latest.set(p.vehicleId, {
          vehicleId: p.vehicleId,
          fixAt: p.fixAt,
          lat: p.lat,
          lng: p.lng,
          speedKmh: p.speedKmh,
          headingDeg: p.headingDeg,
        });
      }
    }
    rejects.push(...work.rejects);
  }
  // One lock order for every transaction: concurrent upserts of the same vehicles cannot deadlock.
  const sorted = [...latest.values()].sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : 1));
  return { positions, latest: sorted, rejects };
}
