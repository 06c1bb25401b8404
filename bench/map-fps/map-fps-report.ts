import type { FrameSummary } from "./frame-probe";

/** The load behind a window: fixes the simulator published (broker-acknowledged) and the server stored, per second. */
export interface LoadRates {
  readonly publishedPerSecond: number;
  readonly storedPerSecond: number;
}

/** One measured window of the bench. */
export interface MapFpsPhase {
  readonly name: string;
  readonly summary: FrameSummary;
  /** Share of all CPUs busy during the window (every process on the machine), 0-1. */
  readonly machineBusy: number;
  readonly load: LoadRates;
}

/** What the bench measured. */
export interface MapFpsResult {
  readonly machine: string;
  readonly settings: string;
  readonly fleet: { vehicles: number; withFix: number; inView: number };
  /** After the feed stopped: how long the server took to store what it had not yet taken from the broker. */
  readonly drainedInMs: number;
  readonly phases: readonly MapFpsPhase[];
}

/** The 50 fps floor of the issue, for the live window's median. */
export const TARGET_FPS = 50;

const f1 = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(1));
const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** The report as plain text: one row per window, then the verdict. */
export function formatMapFpsReport(result: MapFpsResult): string {
  const head = [
    "window",
    "fps p50",
    "fps p5",
    "mean",
    "worst 1 s",
    "max frame",
    "long tasks",
    "published/s",
    "stored/s",
    "page fixes/s",
    "overlay/s",
    "map renders/s",
    "CPU busy",
  ];
  const rows = result.phases.map(({ name, summary: s, machineBusy, load }) => [
    name,
    f1(s.p50Fps),
    f1(s.p5Fps),
    f1(s.meanFps),
    String(s.worstSecondFps),
    `${int(s.maxFrameMs)} ms`,
    `${s.longTasks} (${int(s.longTaskTotalMs)} ms, max ${int(s.longTaskMaxMs)})`,
    int(load.publishedPerSecond),
    int(load.storedPerSecond),
    int(s.fixesPerSecond),
    f1(s.drawsPerSecond),
    f1(s.mapRendersPerSecond),
    `${Math.round(machineBusy * 100)} %`,
  ]);
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const live = result.phases.filter((phase) => phase.name.startsWith("live"));
  return [
    `machine: ${result.machine}`,
    `settings: ${result.settings}`,
    `fleet: ${int(result.fleet.vehicles)} vehicles in the console, ${int(result.fleet.withFix)} with a fix, ${int(result.fleet.inView)} drawn in the whole-fleet view`,
    `backlog: the server stored the last fixes ${(result.drainedInMs / 1000).toFixed(0)} s after the feed stopped (how far ingest lagged; 0 = kept up)`,
    "",
    line(head),
    ...rows.map(line),
    "",
    ...live.map(
      ({ name, summary }) =>
        `${summary.p50Fps >= TARGET_FPS ? "PASS" : "FAIL"}  ${name}: fps p50 >= ${TARGET_FPS}: ${f1(summary.p50Fps)}`,
    ),
  ].join("\n");
}
