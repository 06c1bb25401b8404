import type { BenchBroker } from "../support/broker";
import { observeCommits } from "./commit-observer";
import { machineCpuMicros, ownCpuMicros, postgresCpuMicros, processCpuMicros } from "./cpu";
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
}

/** Settings shared by every Waybill phase. */
export interface WaybillPhaseContext {
  readonly waybill: WaybillUnderTest;
  readonly broker: BenchBroker;
  readonly deviceIds: readonly string[];
  readonly warmupMs: number;
  readonly windowMs: number;
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
    const undo = observeCommits((batch, committedAt) => {
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

  /** One phase in `mode`, with exact accounting once drained. */
  async run(name: string, mode: PublishMode): Promise<WaybillPhaseResult> {
    const { waybill, broker } = this.context;
    this.sink.recorders = newRecorders();
    const recorders = this.sink.recorders;
    const before = await waybill.counts();
    const result = await runPhase({
      ...this.context,
      name,
      brokerUrl: broker.url,
      mode,
      consumed: async () => {
        const counts = await waybill.counts();
        return counts.stored + counts.rejected;
      },
      cpu: async () => ({
        server: ownCpuMicros(),
        broker: processCpuMicros(broker.pid),
        database: postgresCpuMicros(),
        machine: machineCpuMicros(),
      }),
      record: (on) => {
        for (const recorder of Object.values(recorders)) recorder.recording = on;
      },
    });
    return withAccounting(result, recorders, before, await waybill.counts());
  }

  detach(): void {
    this.undoObserver();
    this.live.close();
  }
}

/** The phase's latencies, and its exact counts and store transactions from the server's metrics. */
function withAccounting(
  result: PhaseResult,
  recorders: Recorders,
  before: WaybillCounts,
  after: WaybillCounts,
): WaybillPhaseResult {
  const stored = after.stored - before.stored;
  const rejected = after.rejected - before.rejected;
  const count = after.transactions - before.transactions;
  return {
    ...result,
    latency: {
      received: recorders.received.summary(),
      stored: recorders.stored.summary(),
      socket: recorders.socket.summary(),
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
  return { received: new LatencyRecorder(), stored: new LatencyRecorder(), socket: new LatencyRecorder() };
}
