import type { Logger } from "pino";
import type { LearnedSpeedsApplied } from "../../adapters/routing/routing-protocol";
import { mergeSpeedSamples, type SpeedSample } from "../../domain/road/learned-speeds";

/** Stored learned speeds, shared by the instances (RoadSpeedStatsRepository). */
export interface SpeedStore {
  add(samples: readonly SpeedSample[]): Promise<void>;
  ofHour(hour: number): Promise<SpeedSample[]>;
}

/** The routing engines that take the learned speeds of an hour (the routing pool). */
export interface LearnedSpeedsTarget {
  setLearnedSpeeds(arg: { samples: SpeedSample[]; hour: number }): Promise<LearnedSpeedsApplied[]>;
}

const HOUR_MS = 3_600_000;

/**
 * Speeds learned from the fleet's matched drives, fed back into routing. Samples collect in
 * memory; every refresh (and at each new UTC hour) they are added to the store, and the store's
 * samples of the current hour (every instance's) go to the routing engines, which re-customize
 * with them: routes and ETAs then use the learned speeds. A failed store keeps the samples for the
 * next refresh; on stop the last ones are stored, so learning survives restarts.
 */
export class SpeedLearning {
  private pending: SpeedSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Graph edges routing gives a learned speed now (read by the metrics). */
  learnedEdges = 0;

  constructor(
    private readonly store: SpeedStore,
    private readonly routing: LearnedSpeedsTarget,
    private readonly log: Logger,
    private readonly refreshMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes the samples of a matched batch (merged per segment and hour, so memory stays bounded). */
  add(samples: readonly SpeedSample[]): void {
    this.pending = mergeSpeedSamples(this.pending, samples);
  }

  /** Applies the stored speeds of this hour now and keeps them current. */
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  /** Stops refreshing and stores the samples still in memory. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.storePending();
  }

  /** Stores the new samples, then routes with the current hour's speeds. */
  async refresh(): Promise<void> {
    await this.storePending();
    const hour = new Date(this.clock()).getUTCHours();
    const applied = await this.routing.setLearnedSpeeds({ samples: await this.store.ofHour(hour), hour });
    this.learnedEdges = applied[0]?.edges ?? 0;
    this.log.debug(
      { hour, edges: this.learnedEdges, customizeMs: applied[0]?.customizeMs },
      "learned speeds applied",
    );
  }

  private async storePending(): Promise<void> {
    const samples = this.pending;
    if (samples.length === 0) return;
    this.pending = [];
    try {
      await this.store.add(samples);
    } catch (error) {
      this.pending = mergeSpeedSamples(samples, this.pending);
      throw error;
    }
  }

  /** Next refresh after `refreshMs`, or just after the hour turns if that comes first. */
  private schedule(): void {
    const now = this.clock();
    const toNextHourMs = HOUR_MS - (now % HOUR_MS) + 50;
    this.timer = setTimeout(
      () => {
        this.running = this.refresh()
          .catch((error: unknown) => this.log.error({ err: error }, "learned speeds refresh failed"))
          .finally(() => {
            this.running = null;
            if (this.timer) this.schedule();
          });
      },
      Math.min(this.refreshMs, toNextHourMs),
    );
    this.timer.unref();
  }
}
