import type { IngestBenchResult } from "./result";

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
  const ratio = r.max.consumedPerSecond / r.bare.consumedPerSecond;
  const lost = r.max.lost + r.fixed.lost + r.max.generator.failed + r.fixed.generator.failed;
  const dbMatches = r.database.rows === r.database.storedTotal;
  return [
    check(
      ">= 10,000 stored positions/s sustained",
      `${int(r.max.consumedPerSecond)}/s`,
      r.max.consumedPerSecond >= 10_000,
    ),
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

function check(target: string, measured: string, pass: boolean): TargetCheck {
  return { target, measured, pass };
}
