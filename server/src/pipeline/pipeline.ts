import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import type { PositionFilterRules } from "../domain/telemetry/position-filter";
import { DeviceRateLimiter, type RateLimitRules } from "../domain/telemetry/rate-limit";
import type { DeviceDirectory } from "../ports/device-directory";
import type { PositionBroadcaster, PositionObserver } from "../ports/position-broadcaster";
import type { TelemetryStore } from "../ports/telemetry-store";
import { type AfterStore, BatchWriter } from "./batch-writer";
import { decodeStage } from "./handlers/decode.handler";
import { filterStage } from "./handlers/filter.handler";
import { orderStage } from "./handlers/order.handler";
import { rateLimitStage } from "./handlers/rate-limit.handler";
import { resolveDeviceStage } from "./handlers/resolve-device.handler";
import { LastFixes } from "./last-fixes";
import { type AcceptedPosition, MessageWork } from "./message-work";
import type { PipelineStage } from "./position-stage";

/** What the pipeline needs from the rest of the system. */
export interface IngestPipelineDeps {
  readonly store: TelemetryStore;
  readonly devices: DeviceDirectory;
  readonly broadcaster: PositionBroadcaster;
  /** Live tracking, given every stored position (it works in the background, never blocking the ack). */
  readonly tracker: PositionObserver;
  readonly rules: PositionFilterRules;
  /** Messages per device: sustained rate and burst. */
  readonly rateLimit: RateLimitRules;
  readonly storeBatchMax: number;
  readonly observer: IngestObserver;
}

/** Hooks for metrics and logs; the pipeline itself knows neither. */
export interface IngestObserver {
  received(): void;
  rejected(work: MessageWork): void;
  stored(info: { positions: number; inserted: number; durationMs: number }): void;
  storeFailed(error: unknown, attempt: number): void;
  stageFailed(stage: string, error: unknown, work: MessageWork): void;
}

/**
 * The telemetry ingest pipeline, after Traccar's ProcessingHandler. The stages, in order:
 *
 * 1. decode      topic → format and device; the decoder turns the payload into reports (telematics/)
 * 2. validate    inside the decoder: every field checked, each bad report rejected with its reason
 *    rate limit  a device's messages beyond its sustained rate and burst (domain/telemetry/rate-limit)
 * 3. resolve     device → vehicle and organisation (cached)
 * 4. order       a message's reports oldest first; per device, arrival order is kept
 * 5. filter      future fixes, duplicates, implausible jumps (domain/telemetry/position-filter)
 * 6. store       positions and dead letters, batched: one transaction per batch (batch-writer)
 * 7. latest      latest vehicle state, in the same transaction, never backwards in time
 * 8. broadcast   newest position per vehicle to the live channel (batched every 250 ms)
 *    track       every stored position to live tracking (stop detection, ETAs, delay rules), in the background
 * 9. acknowledge the QoS 1 PUBACK, only now that everything above is durable
 */
export function createIngestPipeline(deps: IngestPipelineDeps): IngestPipeline {
  const lastFixes = new LastFixes(deps.store);
  const stages: PipelineStage[] = [
    decodeStage(),
    rateLimitStage(
      new DeviceRateLimiter(deps.rateLimit),
      `${deps.rateLimit.perSecond} messages per second (burst ${deps.rateLimit.burst})`,
    ),
    resolveDeviceStage(deps.devices, lastFixes),
    orderStage(),
    filterStage(deps.rules, lastFixes),
  ];
  const afterStore: AfterStore = (works, newest) => {
    deps.broadcaster.publish(newest);
    deps.tracker.observe(storedPositions(works));
    for (const work of works) work.message.ack();
  };
  return new IngestPipeline(stages, deps, afterStore);
}

/**
 * Group commit under pressure: 250 messages queued when a transaction ends means they arrive
 * faster than transactions end (at 5,000/s about 15 are); the next transaction then waits 10 ms
 * to carry more of them.
 */
const STORE_LINGER = { fromMessages: 250, ms: 10 };

/** Runs messages through the stages and hands them to the batch writer. */
export class IngestPipeline {
  private readonly writer: BatchWriter;

  constructor(
    private readonly stages: readonly PipelineStage[],
    private readonly deps: IngestPipelineDeps,
    afterStore: AfterStore,
  ) {
    this.writer = new BatchWriter(deps.store, {
      maxPositions: deps.storeBatchMax,
      afterStore,
      onStored: (info) => deps.observer.stored(info),
      onFailure: (error, attempt) => deps.observer.storeFailed(error, attempt),
      linger: STORE_LINGER,
    });
  }

  /** Messages accepted and not yet stored. */
  get pending(): number {
    return this.writer.pending;
  }

  /** Takes one message; never throws (a failing stage rejects the message instead). */
  accept(message: InboundMessage): void {
    this.deps.observer.received();
    const work = new MessageWork(message);
    const pending = this.runStages(work, 0);
    if (pending) void pending.then(() => this.finish(work));
    else this.finish(work);
  }

  /** Resolves when everything accepted so far is stored and acknowledged. */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  /** Runs stages from `index`; synchronous until a stage has to wait. */
  private runStages(work: MessageWork, index: number): Promise<void> | undefined {
    for (let i = index; i < this.stages.length; i++) {
      const stage = this.stages[i]!;
      let waiting: void | Promise<void>;
      try {
        waiting = stage.run(work);
      } catch (error) {
        this.deps.observer.stageFailed(stage.name, error, work);
        work.rejectMessage("processing_error", `stage ${stage.name} failed: ${String(error).slice(0, 300)}`);
        return undefined;
      }
      if (waiting)
        return waiting.then(
          () => this.runStages(work, i + 1),
          (error) => this.retryStage(work, i, error, 1),
        );
    }
    return undefined;
  }

  /** An asynchronous stage failed (a lookup while the database is down): retry with backoff. */
  private async retryStage(work: MessageWork, index: number, error: unknown, attempt: number): Promise<void> {
    this.deps.observer.stageFailed(this.stages[index]!.name, error, work);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
    try {
      await this.stages[index]!.run(work);
    } catch (again) {
      return this.retryStage(work, index, again, attempt + 1);
    }
    return this.runStages(work, index + 1);
  }

  private finish(work: MessageWork): void {
    if (work.rejects.length > 0) this.deps.observer.rejected(work);
    this.writer.submit(work);
  }
}

/** The positions of a stored batch, with their organisation (the accepted objects themselves). */
function storedPositions(works: readonly MessageWork[]): AcceptedPosition[] {
  const positions: AcceptedPosition[] = [];
  for (const work of works) for (const p of work.accepted) positions.push(p);
  return positions;
}
