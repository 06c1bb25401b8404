import type { MachineInfo } from "../support/machine";
import type { ClusterPhaseResult } from "./cluster-bench";
import type { ClusterBenchOptions } from "./cluster-options";

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
const PARTS = ["server", "generator", "broker", "database"] as const;

/** The cluster bench report as plain text: throughput and scaling, CPU, accounting. */
export function formatClusterReport(
  machine: MachineInfo & { postgres: string },
  options: ClusterBenchOptions,
  phases: readonly ClusterPhaseResult[],
): string {
  const base = phases.find((p) => p.instances === 1)?.consumedPerSecond ?? phases[0]?.consumedPerSecond ?? 1;
  const cores = (micros: number, p: ClusterPhaseResult) => (micros / (p.windowSeconds * 1e6)).toFixed(2);
  const perMessage = (micros: number, p: ClusterPhaseResult) => (micros / p.windowMessages).toFixed(1);
  const other = (p: ClusterPhaseResult) => p.cpu.machine - PARTS.reduce((sum, k) => sum + p.cpu[k], 0);
  const w1 = [12, 9, 8, 11, 22];
  const w2 = [12, 8, 9, 7, 8, 7, 8];
  const w3 = [12, 12, 12, 10, 5, 8];
  return [
    `machine: ${machine.cores} cores, ${machine.cpuModel}; Node ${machine.node}; PostgreSQL ${machine.postgres}; Mosquitto ${machine.mosquitto}`,
    `settings: devices=${options.devices} window=${options.windowSeconds}s warmup=${options.warmupSeconds}s windowPerClient=${options.windowPerClient}`,
    "",
    "Stored positions per second over the steady window (every instance in one share group)",
    pad(["instances", "stored/s", "scaling", "published/s", "per instance (window)"], w1),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          int(p.consumedPerSecond),
          `${(p.consumedPerSecond / base).toFixed(2)}x`,
          int(p.publishedPerSecond),
          p.perInstance.map(int).join(" / "),
        ],
        w1,
      ),
    ),
    "",
    "CPU busy over the window, cores (servers = all Waybill processes; postgres = all its processes)",
    pad(["instances", "servers", "generator", "broker", "postgres", "other", "machine"], w2),
    ...phases.map((p) =>
      pad([p.name, ...PARTS.map((k) => cores(p.cpu[k], p)), cores(other(p), p), cores(p.cpu.machine, p)], w2),
    ),
    "",
    "CPU per stored position, microseconds",
    pad(["instances", "servers", "generator", "broker", "postgres", "other", "machine"], w2),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          ...PARTS.map((k) => perMessage(p.cpu[k], p)),
          perMessage(other(p), p),
          perMessage(p.cpu.machine, p),
        ],
        w2,
      ),
    ),
    "",
    "Accounting after draining (exact counts)",
    pad(["instances", "broker-acked", "stored+rej.", "failed", "lost", "drain"], w3),
    ...phases.map((p) =>
      pad(
        [
          p.name,
          int(p.generator.acked),
          int(p.generator.acked - p.lost),
          int(p.generator.failed),
          int(p.lost),
          `${int(p.drainMs)} ms`,
        ],
        w3,
      ),
    ),
  ].join("\n");
}
