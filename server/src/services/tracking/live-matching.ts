import type { Logger } from "pino";
import type { FixColumns, MatchBatchResult } from "../../adapters/routing/routing-protocol";
import type { SpeedSample } from "../../domain/road/learned-speeds";
import type { PositionObserver, ScopedPosition } from "../../ports/position-broadcaster";

/** The workers that hold the road graph and the vehicles' matchers (the routing pool). */
export interface MatchingWorkers {
  readonly workerCount: number;
  matchFixes(worker: number, arg: { fixes: FixColumns; nowMs: number }): Promise<MatchBatchResult>;
}

/** Where the speeds learned from matched drives go (SpeedLearning). */
export interface SpeedSink {
  add(samples: readonly SpeedSample[]): void;
}

/** Running totals of live matching (for the metrics). */
export interface LiveMatchingCounts {
  /** Fixes whose road position became final, on a road. */
  matched: number;
  /** Fixes final without a road position (outliers, off the network). */
  unmatched: number;
  /** Fixes older than their vehicle's last one (reordered, repeated): not matched. */
  skipped: number;
  /** Fixes not matched because their vehicle's last matched one is under `minFixIntervalMs` older. */
  thinned: number;
  /** Fixes dropped unmatched because a worker's buffer was full (matching fell behind). */
  dropped: number;
  /** Messages sent to the workers. */
  batches: number;
}

/** Options of {@link LiveMatching}. */
export interface LiveMatchingOptions {
  /** How often the buffered fixes go to the workers, ms. */
  readonly flushMs: number;
  /** Most fixes buffered per worker; beyond, new fixes are dropped (counted). */
  readonly maxBufferedPerWorker: number;
  /**
   * Least time between two fixes of a vehicle that are matched; the ones between are thinned out.
   * Map matching and speed learning are made for fixes a second or more apart (the matcher's
   * transition model, one speed sample per traversed segment): a device reporting 25 times a
   * second tells them nothing a 1 Hz one does not, at 25 times the work. Just under a second, so a
   * 1 Hz tracker's jitter never thins its fixes.
   */
  readonly minFixIntervalMs: number;
}

export const DEFAULT_LIVE_MATCHING: LiveMatchingOptions = {
  flushMs: 500,
  maxBufferedPerWorker: 50_000,
  minFixIntervalMs: 900,
};

/**
 * Map matching in the live pipeline, off the event loop: stored positions (at most one per vehicle
 * and `minFixIntervalMs`) are buffered for
 * the worker that keeps its vehicle's matcher (always the same one, by a hash of the vehicle id),
 * and each worker gets one message per flush with all of its fixes, never one per fix. A worker
 * gets its next batch only once it answered the last, so batches of a vehicle never overtake each
 * other; a fix older than one of an earlier batch is skipped there (counted).
 * The segments the matched drives traversed feed speed learning.
 */
export class LiveMatching implements PositionObserver {
  readonly counts: LiveMatchingCounts = {
    matched: 0,
    unmatched: 0,
    skipped: 0,
    thinned: 0,
    dropped: 0,
    batches: 0,
  };
  private readonly buffers: FixBuffer[];
  /** Each vehicle's last fix taken for matching, epoch ms. */
  private readonly lastTaken = new Map<string, number>();
  private readonly inFlight: (Promise<void> | null)[];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workers: MatchingWorkers,
    private readonly speeds: SpeedSink,
    private readonly log: Logger,
    private readonly options: LiveMatchingOptions = DEFAULT_LIVE_MATCHING,
    private readonly clock: () => number = Date.now,
  ) {
    this.buffers = Array.from({ length: workers.workerCount }, () => new FixBuffer());
    this.inFlight = this.buffers.map(() => null);
  }

  /**
   * Buffers stored positions for their vehicle's worker (the worker puts each batch in fix
   * order), at most one per vehicle every `minFixIntervalMs`.
   */
  observe(positions: readonly ScopedPosition[]): void {
    const { minFixIntervalMs, maxBufferedPerWorker } = this.options;
    for (const { vehicleId, lng, lat, fixAt } of positions) {
      const last = this.lastTaken.get(vehicleId);
      if (last !== undefined && fixAt <= last) {
        this.counts.skipped++;
        continue;
      }
      if (last !== undefined && fixAt < last + minFixIntervalMs) {
        this.counts.thinned++;
        continue;
      }
      const buffer = this.buffers[workerOf(vehicleId, this.buffers.length)]!;
      if (buffer.length >= maxBufferedPerWorker) this.counts.dropped++;
      else {
        buffer.push(vehicleId, lng, lat, fixAt);
        this.lastTaken.set(vehicleId, fixAt);
      }
    }
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  /** Stops sending; resolves once the batches under way are answered. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  /** Sends each idle worker its buffered fixes. */
  private flush(): void {
    this.buffers.forEach((fixes, worker) => {
      if (fixes.length === 0 || this.inFlight[worker]) return;
      this.buffers[worker] = new FixBuffer();
      this.inFlight[worker] = this.send(worker, fixes.columns()).finally(() => {
        this.inFlight[worker] = null;
      });
    });
  }

  private async send(worker: number, fixes: FixColumns): Promise<void> {
    this.counts.batches++;
    try {
      const result = await this.workers.matchFixes(worker, { fixes, nowMs: this.clock() });
      this.counts.matched += result.matched;
      this.counts.unmatched += result.unmatched;
      this.counts.skipped += result.skipped;
      if (result.samples.length > 0) this.speeds.add(result.samples);
    } catch (error) {
      this.counts.dropped += fixes.vehicleIds.length;
      this.log.error({ err: error, worker, fixes: fixes.vehicleIds.length }, "live map matching failed");
    }
  }
}

/** One worker's fixes waiting for the next flush, kept in columns (no object per fix). */
class FixBuffer {
  private readonly vehicleIds: string[] = [];
  private readonly lng: number[] = [];
  private readonly lat: number[] = [];
  private readonly fixAt: number[] = [];

  get length(): number {
    return this.vehicleIds.length;
  }

  push(vehicleId: string, lng: number, lat: number, fixAt: number): void {
    this.vehicleIds.push(vehicleId);
    this.lng.push(lng);
    this.lat.push(lat);
    this.fixAt.push(fixAt);
  }

  columns(): FixColumns {
    return {
      vehicleIds: this.vehicleIds,
      lng: Float64Array.from(this.lng),
      lat: Float64Array.from(this.lat),
      fixAt: Float64Array.from(this.fixAt),
    };
  }
}

/** The worker of a vehicle: a hash of its id (FNV-1a), so it is the same one every time. */
export function workerOf(vehicleId: string, workerCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < vehicleId.length; i++) hash = Math.imul(hash ^ vehicleId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % workerCount;
}
