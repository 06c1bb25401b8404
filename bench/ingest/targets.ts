import { bareHopRate, type IngestBenchResult } from "./result";

/** One target of the issue and whether the run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (Number.isNaN(n) ? "-" : `${n.toFixed(0)} ms`);

/** The pass/fail verdict of every target. */
export function checkTargets(r: IngestBenchResult): TargetCheck[] {
  const ratio = r.max.consumedPerSecond / bareHopRate(r);
  const lost = r.max.lost + r.fixed.lost + r.max.generator.failed + r.fixed.generator.failed;
  const dbMatches = r.database.rows === r.database.storedTotal;
  const throughput = r.tracking
    ? [
        check(
          ">= 5,000 stored positions/s sustained with tracking on",
          `${int(r.max.consumedPerSecond)}/s`,
          r.max.consumedPerSecond >= 5_000,
        ),
        keepsUp(r),
      ]
    : [
        check(
          ">= 10,000 stored positions/s sustained",
          `${int(r.max.consumedPerSecond)}/s`,
          r.max.consumedPerSecond >= 10_000,
        ),
      ];
  return [
    ...throughput,
    check(
      "nothing lost (acked = stored + rejected, rows = stored)",
      `lost ${lost}, rows ${dbMatches ? "match" : "DIFFER"}`,
      lost === 0 && dbMatches,
    ),
    check(
      `latency phase sustains ${int(r.fixedRatePerSecond)}/s`,
      `${int(r.fixed.consumedPerSecond)}/s`,
      r.fixed.consumedPerSecond >= 0.98 * r.fixedRatePerSecond,
    ),
    check(
      "p99 publish -> socket client < 100 ms",
      ms(r.fixed.latency.socket.p99Ms),
      r.fixed.latency.socket.p99Ms < 100,
    ),
    check(
      "p99 publish -> stored < 100 ms (pipeline)",
      ms(r.fixed.latency.stored.p99Ms),
      r.fixed.latency.stored.p99Ms < 100,
    ),
    check(">= 70 % of the bare MQTT hop's rate", `${(ratio * 100).toFixed(0)} %`, ratio >= 0.7),
  ];
}

/** Tracking may finish this long after the ingest drained and still count as keeping up, ms. */
const CATCH_UP_MS = 5_000;

/** Tracking keeps up: nothing dropped, and its backlog empty soon after the ingest's. */
function keepsUp(r: IngestBenchResult): TargetCheck {
  const phases = [r.max, r.fixed];
  const dropped = phases.reduce((sum, p) => sum + p.tracking.dropped, 0);
  const catchUp = Math.max(...phases.map((p) => p.tracking.catchUpMs));
  const most = Math.max(...phases.map((p) => p.tracking.backlog.max));
  return check(
    `tracking keeps up (nothing dropped, backlog empty < ${CATCH_UP_MS / 1000} s after the ingest drained)`,
    `dropped ${int(dropped)}, backlog at most ${int(most)}, empty ${ms(catchUp)} after`,
    dropped === 0 && catchUp < CATCH_UP_MS,
  );
}

function check(target: string, measured: string, pass: boolean): TargetCheck {
  return { target, measured, pass };
}
