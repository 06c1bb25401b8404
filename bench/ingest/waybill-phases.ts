import type { BenchBroker } from "../support/broker";
import type { TrackingRows } from "./bench-database";
import { observeCommits } from "./commit-observer";
import { machineCpuMicros, ownCpuMicros, postgresCpuMicros, processCpuMicros } from "./cpu";
import type { DrivePlan } from "./drive-plan";
import type { PublishMode } from "./generator-protocol";
import { LatencyRecorder, type LatencySummary } from "./latency";
import { connectLiveClient, type LiveClient } from "./live-client";
import { type PhaseResult, runPhase } from "./phase";
import type { WaybillCounts, WaybillUnderTest } from "./waybill";

/** The three latencies measured for every position (see docs/benchmarks.md). */
export interface WaybillLatency {
  /** Publish → the server read it from the broker (`receivedAt`). */
  readonly received: LatencySummary;
  /** Publish → its store transaction committed; the PUBACK to the broker follows at once. */
  readonly stored: LatencySummary;
  /** Publish → the dispatcher's socket client got it (newest fix per vehicle per 250 ms frame). */
  readonly socket: LatencySummary;
  /** Each store transaction, from sending its statement to its commit (one sample per transaction). */
  readonly transaction: LatencySummary;
}

/** A Waybill phase: the common figures, the latencies, and the exact message accounting. */
export interface WaybillPhaseResult extends PhaseResult {
  readonly latency: WaybillLatency;
  readonly stored: number;
  readonly rejected: number;
  /** Acknowledged by the broker to the devices, minus stored, minus rejected. Must be 0. */
  readonly lost: number;
  /** Store transactions of the whole phase: how many, mean positions and mean duration of one. */
  readonly transactions: { readonly count: number; readonly meanPositions: number; readonly meanMs: number };
  /** What live tracking did over the whole phase (drain included), and its backlog. */
  readonly tracking: TrackingWork;
}

/** Live tracking's work over one phase. */
export interface TrackingWork {
  /** Positions evaluated, dropped unevaluated (queue full), ETA recomputations (metrics), catch-up included. */
  readonly evaluated: number;
  readonly dropped: number;
  readonly etaUpdates: number;
  /** Positions waiting for tracking: at the window's start, its most during the window, at its end, after draining. */
  readonly backlog: {
    readonly start: number;
    readonly max: number;
    readonly end: number;
    readonly drained: number;
  };
  /** After the ingest drained, how long tracking took to empty its backlog, ms (gives up after 60 s). */
  readonly catchUpMs: number;
  /** Rows written over the phase (arrivals, ETA events, all events, alerts), when counted. */
  readonly rows: {
    readonly arrivals: number;
    readonly etaEvents: number;
    readonly outboxEvents: number;
    readonly alerts: number;
  };
}

/** How often the backlog is sampled during the window, ms. */
const BACKLOG_SAMPLE_MS = 100;

/** Settings shared by every Waybill phase. */
export interface WaybillPhaseContext {
  readonly waybill: WaybillUnderTest;
  readonly broker: BenchBroker;
  readonly deviceIds: readonly string[];
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Each device's day on the road network (`--tracking`); none: back and forth. */
  readonly plans?: Readonly<Record<string, DrivePlan>>;
  /** Rows tracking wrote so far (arrivals, events, alerts). */
  readonly trackingRows: () => Promise<TrackingRows>;
}

type Recorders = Record<keyof WaybillLatency, LatencyRecorder>;

/** Runs Waybill phases with the commit observer and a live client attached throughout. */
export class WaybillBench {
  private constructor(
    private readonly context: WaybillPhaseContext,
    private readonly sink: { recorders: Recorders },
    private readonly live: LiveClient,
    private readonly undoObserver: () => void,
  ) {}

  /** Attaches the commit observer and connects the dispatcher client. */
  static async attach(context: WaybillPhaseContext): Promise<WaybillBench> {
    const sink = { recorders: newRecorders() };
    const undo = observeCommits((batch, committedAt, startedAt) => {
      sink.recorders.transaction.record(committedAt - startedAt);
      for (const p of batch.positions) {
        sink.recorders.stored.record(committedAt - p.fixAt);
        sink.recorders.received.record(p.receivedAt - p.fixAt);
      }
    });
    try {
      const { system, adminKey } = context.waybill;
      const live = await connectLiveClient(system.url, adminKey, (ms) => sink.recorders.socket.record(ms));
      return new WaybillBench(context, sink, live, undo);
    } catch (error) {
      undo();
      throw error;
    }
  }

  /** One phase in `mode` (its window `windowMs` unless given), with exact accounting once drained. */
  async run(name: string, mode: PublishMode, windowMs = this.context.windowMs): Promise<WaybillPhaseResult> {
    const { waybill, broker } = this.context;
    this.sink.recorders = newRecorders();
    const recorders = this.sink.recorders;
    const before = await waybill.counts();
    const rowsBefore = await this.context.trackingRows();
    const backlog = { start: 0, max: 0, end: 0, drained: 0 };
    let sampler: NodeJS.Timeout | undefined;
    const sampleBacklog = async () => {
      const now = (await waybill.counts()).tracking.backlog;
      backlog.max = Math.max(backlog.max, now);
      return now;
    };
    const result = await runPhase({
      ...this.context,
      windowMs,
      name,
      brokerUrl: broker.url,
      mode,
      consumed: () => waybill.consumed(),
      cpu: async () => ({
        server: ownCpuMicros(),
        broker: processCpuMicros(broker.pid),
        database: postgresCpuMicros(),
        machine: machineCpuMicros(),
      }),
      record: (on) => {
        for (const recorder of Object.values(recorders)) recorder.recording = on;
        clearInterval(sampler);
        void sampleBacklog().then((now) => {
          if (on) backlog.start = now;
          else backlog.end = now;
        });
        if (on) sampler = setInterval(() => void sampleBacklog(), BACKLOG_SAMPLE_MS);
      },
    });
    clearInterval(sampler);
    const after = await waybill.counts();
    backlog.drained = after.tracking.backlog;
    const catchUpMs = await untilTrackingIdle(waybill);
    const settled = (await waybill.counts()).tracking;
    const rowsAfter = await this.context.trackingRows();
    const alerts = (rows: TrackingRows) => Object.values(rows.alerts).reduce((sum, n) => sum + n, 0);
    const tracking: TrackingWork = {
      evaluated: settled.evaluated - before.tracking.evaluated,
      dropped: settled.dropped - before.tracking.dropped,
      etaUpdates: settled.etaUpdates - before.tracking.etaUpdates,
      backlog,
      catchUpMs,
      rows: {
        arrivals: rowsAfter.arrivals - rowsBefore.arrivals,
        etaEvents: rowsAfter.etaEvents - rowsBefore.etaEvents,
        outboxEvents: rowsAfter.outboxEvents - rowsBefore.outboxEvents,
        alerts: alerts(rowsAfter) - alerts(rowsBefore),
      },
    };
    return { ...withAccounting(result, recorders, before, after), tracking };
  }

  detach(): void {
    this.undoObserver();
    this.live.close();
  }
}

/** Waits until tracking's backlog is empty; resolves with how long that took, ms (at most 60 s). */
async function untilTrackingIdle(waybill: WaybillUnderTest): Promise<number> {
  const started = performance.now();
  while ((await waybill.counts()).tracking.backlog > 0 && performance.now() - started < 60_000)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return performance.now() - started;
}

/** The phase's latencies, and its exact counts and store transactions from the server's metrics. */
function withAccounting(
  result: PhaseResult,
  recorders: Recorders,
  before: WaybillCounts,
  after: WaybillCounts,
): Omit<WaybillPhaseResult, "tracking"> {
  const stored = after.stored - before.stored;
  const rejected = after.rejected - before.rejected;
  const count = after.transactions - before.transactions;
  return {
    ...result,
    latency: {
      received: recorders.received.summary(),
      stored: recorders.stored.summary(),
      socket: recorders.socket.summary(),
      transaction: recorders.transaction.summary(),
    },
    stored,
    rejected,
    lost: result.generator.acked - stored - rejected,
    transactions: {
      count,
      meanPositions: (after.transactionPositions - before.transactionPositions) / count,
      meanMs: ((after.transactionSeconds - before.transactionSeconds) * 1000) / count,
    },
  };
}

function newRecorders(): Recorders {
  return {
    received: new LatencyRecorder(),
    stored: new LatencyRecorder(),
    socket: new LatencyRecorder(),
    transaction: new LatencyRecorder(),
  };
}
