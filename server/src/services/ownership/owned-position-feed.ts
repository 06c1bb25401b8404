import type { Logger } from "pino";
import { Counter, Gauge, type Registry } from "prom-client";
import { OwnershipHistory } from "../../domain/cluster/ownership-history";
import { ownerOf } from "../../domain/cluster/vehicle-owner";
import { ReorderWindow } from "../../domain/telemetry/reorder-window";
import type { PositionObserver, ScopedPosition } from "../../ports/position-broadcaster";
import type { PositionRelay } from "../../ports/position-relay";
import type { TelemetryStore } from "../../ports/telemetry-store";
import { PollingLoop } from "../polling-loop";
import { ForwardBuffer } from "./forward-buffer";

/** A consumer of the positions of the vehicles this instance owns (live tracking, for one). */
export interface OwnedPositionObserver extends PositionObserver {
  /**
   * Ownership moved: forget what is kept about every vehicle for which `owned` is false now.
   * (An observer that keeps nothing per vehicle needs none.)
   */
  release?(owned: (vehicleId: string) => boolean): void;
}

/** What {@link OwnedPositionFeed} needs. */
export interface OwnedPositionFeedOptions {
  readonly relay: PositionRelay;
  /** Where the positions of this instance's vehicles go, each vehicle's in fix order. */
  readonly observers: readonly OwnedPositionObserver[];
  /** Stored positions, to rebuild the state of a vehicle this instance takes over. */
  readonly history: Pick<TelemetryStore, "track">;
  readonly registry: Registry;
  readonly log: Logger;
  /** Between two looks at the members, milliseconds. */
  readonly checkIntervalMs: number;
  /** Positions for other instances are sent at most this long after they were stored, ms. */
  readonly flushMs?: number;
  /** In a cluster, how long a position waits for older ones still on their way here, ms. */
  readonly settleMs?: number;
  /** Most positions kept for other instances while they cannot be sent. */
  readonly maxBuffered?: number;
  /** How far back a vehicle taken over is replayed from the store, ms. */
  readonly rebuildMs?: number;
}

/** Most stored positions replayed for one vehicle taken over (10 minutes at one fix a second). */
const REBUILD_LIMIT = 600;

/**
 * Gives each vehicle's stored positions to exactly one instance of a cluster, its owner
 * ({@link ownerOf} over the live members), whichever instance stored them: the others hand them
 * over through the relay in batches (at most every `flushMs`). The owner holds its positions for
 * `settleMs` so that those handed over join them in fix order ({@link ReorderWindow}). When the
 * members change, every instance forgets the vehicles it lost, and replays the last `rebuildMs`
 * of stored positions of each vehicle it gained ({@link OwnershipHistory}) before its first new
 * one, one vehicle at a time, so that stop presence, pace and the rules start from what
 * happened, not from nothing. An instance that has never
 * seen a peer hands positions straight to the observers: no hop, no wait, no replay. (Once it
 * has, it keeps owning and settling when alone again: a peer may come back.)
 *
 * @example
 * const feed = new OwnedPositionFeed({ relay, observers: [tracking], history: telemetry, registry, log, checkIntervalMs: 5000 });
 * await feed.start();
 * pipeline.tracker = feed;
 */
export class OwnedPositionFeed implements PositionObserver {
  private readonly ownership: OwnershipHistory;
  /** Whether this instance has ever had a peer: from then on, positions are owned and settled. */
  private clustered = false;
  /** Vehicles whose positions this instance evaluated while it owned them. */
  private readonly known = new Set<string>();
  /** Vehicles being rebuilt: the positions that came meanwhile wait here. */
  private readonly rebuilding = new Map<string, ScopedPosition[]>();
  /** Replays run one at a time, so that a take-over never crowds out the ingest's queries. */
  private replays: Promise<void> = Promise.resolve();
  private readonly forward: ForwardBuffer;
  private readonly window: ReorderWindow<ScopedPosition>;
  private readonly membersLoop: PollingLoop;
  private flushTimer: NodeJS.Timeout | null = null;
  private releaseTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly metrics: ReturnType<typeof feedMetrics>;

  constructor(private readonly options: OwnedPositionFeedOptions) {
    this.ownership = new OwnershipHistory(options.relay.self);
    this.metrics = feedMetrics(options.registry);
    this.forward = new ForwardBuffer(options.maxBuffered ?? 20_000, (n) => this.metrics.dropped.inc(n));
    this.window = new ReorderWindow(options.settleMs ?? 300);
    this.membersLoop = new PollingLoop(
      async () => {
        await this.refreshMembers();
        return false;
      },
      options.checkIntervalMs,
      (error) => options.log.warn({ err: error }, "vehicle ownership: reading the members failed"),
    );
  }

  /** Reads the members once (before the first position), then keeps watching them. */
  async start(): Promise<void> {
    this.options.relay.onPositions((positions) => {
      this.metrics.received.inc(positions.length);
      this.hold(positions);
    });
    await this.refreshMembers().catch((error: unknown) =>
      this.options.log.warn({ err: error }, "vehicle ownership: members unknown yet; owning every vehicle"),
    );
    this.membersLoop.start();
  }

  /** Takes every stored position: this instance's vehicles' go to the observers, the others' to their owner. */
  observe(positions: readonly ScopedPosition[]): void {
    if (!this.clustered) {
      this.deliver(positions);
      return;
    }
    const mine: ScopedPosition[] = [];
    for (const position of positions) {
      const owner = ownerOf(position.vehicleId, this.ownership.members);
      if (owner === this.options.relay.self) mine.push(position);
      else this.forward.add(owner, [position]);
    }
    if (mine.length) this.hold(mine);
    if (this.forward.size) this.scheduleFlush();
  }

  /** Sends what is waiting for other instances, hands the held positions on, and stops. */
  async close(): Promise<void> {
    await this.membersLoop.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    await this.flushing;
    await this.flush();
    await this.replays;
    // No replay now: whoever owns these vehicles next replays them from the store.
    this.deliver(this.window.releaseAll());
  }

  private async refreshMembers(): Promise<void> {
    const members = await this.options.relay.members();
    if (!this.ownership.record(members)) return;
    this.options.log.info({ members, self: this.options.relay.self }, "vehicle ownership: members changed");
    this.metrics.members.set(members.length);
    this.clustered ||= members.length > 1;
    const owned = (vehicleId: string) => this.ownership.owns(vehicleId);
    for (const vehicleId of this.known) if (!owned(vehicleId)) this.known.delete(vehicleId);
    for (const observer of this.options.observers) observer.release?.(owned);
    for (const waiting of this.forward.takeAll().values()) this.observe(waiting); // to the new owners
  }

  /** Positions of this instance's vehicles: straight on alone, through the window in a cluster. */
  private hold(positions: readonly ScopedPosition[]): void {
    if (!this.clustered) {
      this.deliver(positions);
      return;
    }
    this.window.add(positions, performance.now());
    this.scheduleRelease();
  }

  private scheduleRelease(): void {
    const due = this.window.nextDueMs;
    if (this.releaseTimer || due === null) return;
    this.releaseTimer = setTimeout(
      () => {
        this.releaseTimer = null;
        this.deliverOwned(this.window.release(performance.now()));
        this.scheduleRelease();
      },
      Math.max(0, due - performance.now()),
    );
  }

  /** Positions due for evaluation here: a vehicle taken over from another instance is rebuilt first. */
  private deliverOwned(positions: readonly ScopedPosition[]): void {
    const ready: ScopedPosition[] = [];
    for (const position of positions) {
      const { vehicleId } = position;
      const waiting = this.rebuilding.get(vehicleId);
      if (waiting) waiting.push(position);
      else if (this.known.has(vehicleId)) ready.push(position);
      else {
        this.known.add(vehicleId);
        if (!this.ownership.gained(vehicleId)) ready.push(position);
        else {
          this.rebuilding.set(vehicleId, [position]);
          this.replays = this.replays.then(() => this.rebuild(position));
        }
      }
    }
    this.deliver(ready);
  }

  /** Replays the vehicle's recent stored positions, then the ones that came meanwhile. */
  private async rebuild(first: ScopedPosition): Promise<void> {
    const { vehicleId, organisationId } = first;
    const from = first.fixAt - (this.options.rebuildMs ?? 10 * 60_000);
    const replay = await this.options.history
      .track(vehicleId, from, first.fixAt - 1, REBUILD_LIMIT)
      .catch((error: unknown) => {
        this.options.log.warn({ err: error, vehicleId }, "vehicle ownership: replaying history failed");
        return [];
      });
    this.metrics.rebuilt.inc();
    const waiting = this.rebuilding.get(vehicleId) ?? [];
    this.rebuilding.delete(vehicleId);
    const history = replay.map(({ fixAt, lat, lng, speedKmh, headingDeg }) => ({
      organisationId,
      vehicleId,
      fixAt,
      lat,
      lng,
      speedKmh,
      headingDeg,
    }));
    this.deliver([...history, ...waiting]);
  }

  private deliver(positions: readonly ScopedPosition[]): void {
    if (positions.length === 0) return;
    for (const observer of this.options.observers) observer.observe(positions);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (this.flushing) return this.scheduleFlush();
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
      });
    }, this.options.flushMs ?? 100);
  }

  /** Sends each owner its positions; what fails to go is kept (bounded) and tried again. */
  private async flush(): Promise<void> {
    for (const [owner, positions] of this.forward.takeAll()) {
      try {
        await this.options.relay.send(owner, positions);
        this.metrics.forwarded.inc(positions.length);
      } catch (error) {
        this.metrics.failures.inc();
        this.options.log.warn({ err: error, owner }, "vehicle ownership: handing positions over failed");
        this.forward.putBack(owner, positions);
      }
    }
    if (this.forward.size) this.scheduleFlush();
  }
}

function feedMetrics(registry: Registry) {
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  return {
    members: new Gauge({
      name: "waybill_cluster_members",
      help: "Live instances this one sees (the vehicles are shared among them).",
      registers: [registry],
    }),
    forwarded: counter(
      "waybill_tracking_forwarded_total",
      "Stored positions handed to the instance that owns their vehicle.",
    ),
    received: counter(
      "waybill_tracking_forward_received_total",
      "Positions other instances handed to this one, the owner of their vehicle.",
    ),
    dropped: counter(
      "waybill_tracking_forward_dropped_total",
      "Positions for another instance dropped unsent because too many were waiting (relay down).",
    ),
    failures: counter(
      "waybill_tracking_forward_failures_total",
      "Hand-overs that failed (the positions are kept and sent again).",
    ),
    rebuilt: counter(
      "waybill_tracking_rebuilt_vehicles_total",
      "Vehicles taken over from another instance, replayed from the stored positions.",
    ),
  };
}
