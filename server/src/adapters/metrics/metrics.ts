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

  constructor() {
    for (const reason of TELEMETRY_REJECT_REASONS) this.telemetryRejected.inc({ reason }, 0);
    collectDefaultMetrics({ register: this.registry, prefix: "waybill_process_" });
  }

  /** Reports live tracking's backlog and work (read at every scrape). */
  watchTracking(tracking: TrackingGauges): void {
    this.tracking = tracking;
  }

  /** A counter that mirrors one of tracking's running totals at each scrape. */
  private trackingCounter(name: string, help: string, read: (counts: TrackingGauges["counts"]) => number) {
    let reported = 0;
    const counter: Counter = new Counter({
      name,
      help,
      registers: [this.registry],
      collect: () => {
        const now = this.tracking ? read(this.tracking.counts) : reported;
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
