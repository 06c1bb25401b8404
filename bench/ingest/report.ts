import type { CpuUsage } from "./cpu";
import type { LatencySummary } from "./latency";
import type { PhaseResult } from "./phase";
import { type BareHopRun, bareHopRate, type IngestBenchResult } from "./result";
import { checkTargets } from "./targets";
import type { WaybillPhaseResult } from "./waybill-phases";

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (Number.isNaN(n) ? "-" : `${n.toFixed(0)} ms`);
const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");

/** The report as plain text: throughput and CPU, latency, accounting, targets. */
export function formatReport(r: IngestBenchResult): string {
  const lines = [
    `machine: ${r.machine.cores} cores, ${r.machine.cpuModel}; Node ${r.machine.node}; PostgreSQL ${r.machine.postgres}; Mosquitto ${r.machine.mosquitto}`,
    `settings: ${Object.entries(r.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
    "",
    ...throughputTable([r.bare.before.result, r.max, r.fixed, r.bare.after.result]),
    "",
    ...latencyTable([r.max, r.fixed]),
    "",
    ...accountingTable([r.max, r.fixed], r.database),
    ...bareHopAccounting("bare hop before", r.bare.before),
    ...bareHopAccounting("bare hop after", r.bare.after),
    "",
    ...trackingTable(r),
    "",
    ...ratioLines(r),
    ...checkTargets(r).map((c) => `${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.measured}`),
  ];
  return lines.join("\n");
}

const CPU_PARTS = ["server", "generator", "broker", "database"] as const;

function throughputTable(phases: readonly PhaseResult[]): string[] {
  const widths = [16, 10, 11, 7, 9, 7, 8, 6, 8, 6];
  const perMessage = (micros: number, p: PhaseResult) => (micros / p.windowMessages).toFixed(1);
  const other = (cpu: CpuUsage) => cpu.machine - CPU_PARTS.reduce((sum, k) => sum + cpu[k], 0);
  return [
    "Throughput over the steady window; CPU per consumed message, microseconds",
    "(server = the bench process: Waybill, or the bare subscriber; postgres = all its processes;",
    " other = machine - the rest: other processes, kernel work charged to none)",
    pad(
      [
        "phase",
        "consumed/s",
        "published/s",
        "server",
        "generator",
        "broker",
        "postgres",
        "other",
        "machine",
        "cores",
      ],
      widths,
    ),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          int(p.consumedPerSecond),
          int(p.publishedPerSecond),
          ...CPU_PARTS.map((k) => perMessage(p.cpu[k], p)),
          perMessage(other(p.cpu), p),
          perMessage(p.cpu.machine, p),
          (p.cpu.machine / (p.windowSeconds * 1e6)).toFixed(2),
        ],
        widths,
      ),
    ),
  ];
}

function ratioLines(r: IngestBenchResult): string[] {
  const percent = (of: number) => `${((r.max.consumedPerSecond / of) * 100).toFixed(1)} %`;
  const [before, after] = [r.bare.before.result.consumedPerSecond, r.bare.after.result.consumedPerSecond];
  return [
    `Waybill max / bare hop: ${percent(bareHopRate(r))} of the mean of the bare hop before and after it`,
    `(${int(before)}/s and ${int(after)}/s; ${percent(before)} of the one before, ${percent(after)} of the one after)`,
  ];
}

function bareHopAccounting(name: string, { result: bare, stalledAttempts }: BareHopRun): string[] {
  const stranded = bare.generator.acked - bare.consumedTotal;
  const line = `${name}: ${int(bare.generator.acked)} acknowledged by the broker, ${int(bare.consumedTotal)} received by the subscriber; ${stalledAttempts} stalled attempt(s)`;
  if (stranded === 0) return [line];
  return [
    line,
    `WARNING: every attempt stalled; this one (the fastest) left ${int(stranded)} broker-acknowledged messages`,
    "undelivered to the connected subscriber (Mosquitto 2.0.11, see docs/benchmarks.md).",
  ];
}

function trackingTable(r: IngestBenchResult): string[] {
  const widths = [20, 10, 8, 8, 8, 9, 9, 9, 9, 8, 7, 7];
  const phases = [...(r.tracking ? [r.tracking.preroll] : []), r.max, r.fixed];
  const t = r.tracking;
  const alerts = t ? Object.entries(t.rows.alerts).map(([kind, n]) => `${kind} ${n}`) : [];
  return [
    "Live tracking over each phase (drain included): positions evaluated, dropped (queue full), ETA",
    "recomputations (metrics); backlog = positions waiting for tracking (window start/max/end, after",
    "draining; catch-up = from then until empty); rows written: stops arrived, shipment.eta_updated events, all outbox events, alerts",
    pad(
      [
        "phase",
        "evaluated",
        "dropped",
        "ETAs",
        "backlog0",
        "backlog^",
        "backlog1",
        "drained",
        "catch-up",
        "arrived",
        "etaEvt",
        "alerts",
      ],
      widths,
    ),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          int(p.tracking.evaluated),
          int(p.tracking.dropped),
          int(p.tracking.etaUpdates),
          int(p.tracking.backlog.start),
          int(p.tracking.backlog.max),
          int(p.tracking.backlog.end),
          int(p.tracking.backlog.drained),
          ms(p.tracking.catchUpMs),
          int(p.tracking.rows.arrivals),
          int(p.tracking.rows.etaEvents),
          int(p.tracking.rows.alerts),
        ],
        widths,
      ),
    ),
    ...(t
      ? [
          `tracking work given: ${int(t.orders)} orders (${int(t.lateOrders)} promised for a closed window) on ${int(t.routeKm)} km of routes`,
          `tracking rows at the end: ${int(t.rows.arrivals)} stops arrived, ${int(t.rows.enRoute)} en route, ${int(t.rows.etaEvents)} ETA events, ${int(t.rows.outboxEvents)} outbox events; alerts: ${alerts.join(", ") || "none"}`,
        ]
      : [
          "(without --tracking no vehicle has stops: tracking reads each one's stops every 5 s and evaluates nothing else)",
        ]),
  ];
}

function latencyTable(phases: readonly WaybillPhaseResult[]): string[] {
  const widths = [46, 8, 8, 8, 9];
  const row = (label: string, s: LatencySummary) =>
    pad([label, ms(s.p50Ms), ms(s.p99Ms), ms(s.maxMs), int(s.count)], widths);
  return [
    'Latency from publish (fixAt), steady window; "one store transaction": its statement sent to its commit',
    pad(["phase / measured at", "p50", "p99", "max", "samples"], widths),
    ...phases.flatMap((p) => [
      row(`${p.name}: server received`, p.latency.received),
      row(`${p.name}: stored (commit, then PUBACK)`, p.latency.stored),
      row(`${p.name}: socket client`, p.latency.socket),
      row(`${p.name}: one store transaction`, p.latency.transaction),
    ]),
  ];
}

function accountingTable(
  phases: readonly WaybillPhaseResult[],
  database: IngestBenchResult["database"],
): string[] {
  const widths = [20, 12, 10, 9, 7, 5, 8, 8, 9, 8];
  const { round } = Math;
  return [
    "Accounting after draining (exact counts); store transactions of the phase",
    pad(
      ["phase", "broker-acked", "stored", "rejected", "failed", "lost", "drain", "txns", "pos/txn", "ms/txn"],
      widths,
    ),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          int(p.generator.acked),
          int(p.stored),
          int(p.rejected),
          int(p.generator.failed),
          int(p.lost),
          ms(p.drainMs),
          int(p.transactions.count),
          String(round(p.transactions.meanPositions)),
          p.transactions.meanMs.toFixed(1),
        ],
        widths,
      ),
    ),
    `positions rows in PostgreSQL: ${int(database.rows)} (metrics say ${int(database.storedTotal)} stored)`,
  ];
}
