import { TELEMETRY_REJECT_REASONS, type TelemetryRejectReason } from "@waybill/shared";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What live tracking reports to the metrics (TrackingService). */
export interface TrackingGauges {
  backlog(): number;
  readonly counts: {
    readonly evaluated: number;
    readonly dropped: number;
    readonly etaUpdates: number;
  };
}

/** What live map matching and speed learning report to the metrics (LiveMatching, SpeedLearning). */
export interface MatchingGauges {
  readonly counts: {
    readonly matched: number;
    readonly skipped: number;
    readonly thinned: number;
    readonly dropped: number;
    readonly batches: number;
  };
  learnedEdges(): number;
}

/**
 * The server's Prometheus metrics, one registry per running system (tests start several).
 * Served as text at `GET /metrics`.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly telemetryReceived = new Counter({
    name: "waybill_telemetry_received_total",
    help: "Telemetry messages received from the broker.",
    registers: [this.registry],
  });
  readonly telemetryRejected = new Counter({
    name: "waybill_telemetry_rejected_total",
    help: "Rejected telemetry messages or reports, by reason.",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly positionsStored = new Counter({
    name: "waybill_positions_stored_total",
    help: "Positions written to the history (redelivered duplicates not counted).",
    registers: [this.registry],
  });
  readonly storeBatchSize = new Histogram({
    name: "waybill_store_batch_positions",
    help: "Positions per store transaction.",
    buckets: [1, 5, 20, 50, 100, 250, 500, 1000, 2500],
    registers: [this.registry],
  });
  readonly storeDuration = new Histogram({
    name: "waybill_store_duration_seconds",
    help: "Duration of one store transaction.",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly storeFailures = new Counter({
    name: "waybill_store_failures_total",
    help: "Failed store transactions (retried; nothing is acknowledged until stored).",
    registers: [this.registry],
  });
  readonly ingestPending = new Gauge({
    name: "waybill_ingest_pending_messages",
    help: "Messages received and not yet stored and acknowledged.",
    registers: [this.registry],
  });
  readonly socketClients = new Gauge({
    name: "waybill_socket_clients",
    help: "Connected live-channel clients.",
    registers: [this.registry],
  });

  private tracking: TrackingGauges | null = null;
  readonly trackingBacklog = new Gauge({
    name: "waybill_tracking_backlog",
    help: "Stored positions waiting for live tracking (grows only while tracking falls behind).",
    registers: [this.registry],
    collect: () => {
      if (this.tracking) this.trackingBacklog.set(this.tracking.backlog());
    },
  });
  readonly trackingEvaluated = this.trackingCounter(
    "waybill_tracking_positions_evaluated_total",
    "Positions run through live tracking (stops, route, rules).",
    (counts) => counts.evaluated,
  );
  readonly trackingDropped = this.trackingCounter(
    "waybill_tracking_positions_dropped_total",
    "Positions live tracking dropped unevaluated because the vehicle's queue was full.",
    (counts) => counts.dropped,
  );
  readonly trackingEtaUpdates = this.trackingCounter(
    "waybill_tracking_eta_updates_total",
    "ETA recomputations of a vehicle (each records the ETA of every remaining stop).",
    (counts) => counts.etaUpdates,
  );

  private matching: MatchingGauges | null = null;
  readonly fixesMatched = this.mirroredCounter(
    "waybill_matching_fixes_matched_total",
    "Stored positions map-matched to a road by live matching.",
    () => this.matching?.counts.matched,
  );
  readonly fixesSkipped = this.mirroredCounter(
    "waybill_matching_fixes_skipped_total",
    "Positions live matching skipped: older than their vehicle's last one (reordered or repeated).",
    () => this.matching?.counts.skipped,
  );
  readonly fixesThinned = this.mirroredCounter(
    "waybill_matching_fixes_thinned_total",
    "Positions live matching left out: under a second after their vehicle's last matched one.",
    () => this.matching?.counts.thinned,
  );
  readonly fixesDropped = this.mirroredCounter(
    "waybill_matching_fixes_dropped_total",
    "Positions live matching dropped unmatched (a worker's buffer full, or its batch failed).",
    () => this.matching?.counts.dropped,
  );
  readonly matchingBatches = this.mirroredCounter(
    "waybill_matching_batches_total",
    "Batches of positions sent to the routing workers for map matching.",
    () => this.matching?.counts.batches,
  );
  readonly learnedSpeedEdges = new Gauge({
    name: "waybill_learned_speed_edges",
    help: "Road segments (directed graph edges) routed with a speed learned from the fleet this hour.",
    registers: [this.registry],
    collect: () => {
      if (this.matching) this.learnedSpeedEdges.set(this.matching.learnedEdges());
    },
  });

  constructor() {
    for (const reason of TELEMETRY_REJECT_REASONS) this.telemetryRejected.inc({ reason }, 0);
    collectDefaultMetrics({ register: this.registry, prefix: "waybill_process_" });
  }

  /** Reports live tracking's backlog and work (read at every scrape). */
  watchTracking(tracking: TrackingGauges): void {
    this.tracking = tracking;
  }

  /** Reports live matching's and speed learning's work (read at every scrape). */
  watchMatching(matching: MatchingGauges): void {
    this.matching = matching;
  }

  /** A counter that mirrors one of tracking's running totals at each scrape. */
  private trackingCounter(name: string, help: string, read: (counts: TrackingGauges["counts"]) => number) {
    return this.mirroredCounter(name, help, () => (this.tracking ? read(this.tracking.counts) : undefined));
  }

  /** A counter that mirrors a running total (undefined: not watched yet) at each scrape. */
  private mirroredCounter(name: string, help: string, read: () => number | undefined) {
    let reported = 0;
    const counter: Counter = new Counter({
      name,
      help,
      registers: [this.registry],
      collect: () => {
        const now = read() ?? reported;
        if (now > reported) counter.inc(now - reported);
        reported = now;
      },
    });
    return counter;
  }

  /** Counts one rejection. */
  rejected(reason: TelemetryRejectReason): void {
    this.telemetryRejected.inc({ reason });
  }
}
