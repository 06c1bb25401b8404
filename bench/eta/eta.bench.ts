import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readOsmFile } from "../../server/src/adapters/osm/osm-reader";
import { customizeHierarchy } from "../../server/src/domain/road/ch-customize";
import { buildContractionHierarchy } from "../../server/src/domain/road/ch-preprocess";
import { HierarchyQuery } from "../../server/src/domain/road/ch-query";
import { buildRoadGraphFromExtract } from "../../server/src/domain/road/road-import";
import { replayVan, type StopEtaHistory } from "./eta-replay";
import { measureServiceThroughput } from "./service-throughput";
import { type SimulatedVan, simulateDay } from "./simulated-day";

/**
 * `pnpm bench eta [--vans N] [--seed S] [--traffic K]`: ETA accuracy on a simulated day whose traffic differs
 * from the plan. On the Monaco extract, N vans (default 40) each serve 10 random stops; the plan
 * times every leg at the routing engine's free-flow speeds, the vans really drive an hourly
 * traffic profile with per-road factors and junction waits (seeded: every run drives the same
 * day; `--traffic 0.5` halves every departure from the plan and the junction waits, 0 drives the
 * plan's times exactly, leaving only the vans' late starts). Their fixes (every 10 s, 5 m noise) go through the live tracking's domain code, and at
 * 60, 30 and 10 minutes before each true arrival the ETA then current is compared with the truth,
 * against the naive ETA (the plan's arrival time) and the road-model ETA (the van's place on the
 * route with the plan's road times, no pace). Target: the live ETA's mean absolute error at
 * 30 minutes at least 3 times smaller than the naive one. Then the same fixes go through
 * `TrackingService` itself (in-memory orders and alerts) for its CPU cost per fix.
 */
const HORIZONS_MIN = [60, 30, 10] as const;
const TARGET_RATIO_AT_30 = 3;
const osmFile = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));

export async function runEtaBench(argv: readonly string[]): Promise<boolean> {
  const vans = numberArg(argv, "--vans", 40);
  const seed = numberArg(argv, "--seed", 2026);
  const trafficIndex = argv.indexOf("--traffic");
  const traffic = trafficIndex < 0 ? 1 : Number(argv[trafficIndex + 1]);
  if (!(traffic >= 0 && traffic <= 3))
    throw new Error(`--traffic needs a number 0-3, got ${argv[trafficIndex + 1]}`);
  if (!existsSync(osmFile)) {
    console.log(`skipped: ${osmFile} not found (it ships in ../shared/data/osm)`);
    return false;
  }
  const { graph } = buildRoadGraphFromExtract((await readOsmFile(osmFile)).extract);
  const hierarchy = buildContractionHierarchy(graph);
  const query = new HierarchyQuery(hierarchy, customizeHierarchy(hierarchy, graph, graph.edgeDurationMs));
  const day = simulateDay(graph, query, {
    vans,
    stopsPerVan: 10,
    fixIntervalS: 10,
    gpsNoiseM: 5,
    seed,
    traffic,
  });
  const started = performance.now();
  const histories = day.map(replayVan);
  const ms = performance.now() - started;
  const fixes = day.reduce((sum, van) => sum + van.fixes.length, 0);
  const lateness = day.flatMap((van) =>
    van.stops.map((s) => (s.trueArrivalAt - s.plannedArrivalAt) / 60_000),
  );
  console.log(
    `monaco: ${graph.nodeCount} nodes; ${day.length} vans, ${lateness.length} stops, ${fixes.toLocaleString("en")} fixes ` +
      `replayed in ${ms.toFixed(0)} ms; true arrival vs plan: mean ${mean(lateness).toFixed(1)} min late, ` +
      `max ${Math.max(...lateness).toFixed(1)} min`,
  );
  console.log("\nbefore arrival  samples  MAE live  MAE road model  MAE naive (plan)  naive / live");
  let passed = true;
  for (const horizon of HORIZONS_MIN) {
    const errors = errorsAt(day, histories, horizon);
    const live = mean(errors.live);
    const naive = mean(errors.naive);
    const ratio = naive / live;
    if (horizon === 30) passed = ratio >= TARGET_RATIO_AT_30;
    console.log(
      [
        `${horizon} min`.padStart(14),
        String(errors.live.length).padStart(8),
        `${live.toFixed(2)} min`.padStart(9),
        `${mean(errors.roadModel).toFixed(2)} min`.padStart(15),
        `${naive.toFixed(2)} min`.padStart(17),
        `${ratio.toFixed(1)}x`.padStart(13),
      ].join(" "),
    );
  }
  console.log(`\ntarget: naive / live >= ${TARGET_RATIO_AT_30} at 30 min: ${passed ? "met" : "NOT met"}`);
  const service = await measureServiceThroughput(graph, day);
  console.log(
    `\nTrackingService on the same fixes (in-memory orders and alerts, routing in-process): ` +
      `${Math.round(service.fixes / (service.cpuMs / 1000)).toLocaleString("en")} fixes/s of CPU ` +
      `(${service.fixes.toLocaleString("en")} fixes, ${service.routes} routes computed)`,
  );
  return passed;
}

/**
 * Absolute errors (minutes) of each estimate current `horizonMin` before a true arrival, for
 * stops whose van had already left its depot then (before that nothing is tracked).
 */
function errorsAt(
  day: readonly SimulatedVan[],
  histories: readonly StopEtaHistory[][],
  horizonMin: number,
): { live: number[]; roadModel: number[]; naive: number[] } {
  const out = { live: [] as number[], roadModel: [] as number[], naive: [] as number[] };
  day.forEach((van, v) => {
    van.stops.forEach((stop, k) => {
      const at = stop.trueArrivalAt - horizonMin * 60_000;
      if (at < van.departedAt) return;
      const history = histories[v]![k]!;
      const i = lastIndexAtOrBefore(history.at, at);
      if (i < 0) return;
      const error = (estimate: number) => Math.abs(estimate - stop.trueArrivalAt) / 60_000;
      out.live.push(error(history.live[i]!));
      out.roadModel.push(error(history.roadModel[i]!));
      out.naive.push(error(stop.plannedArrivalAt));
    });
  });
  return out;
}

function lastIndexAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const mean = (values: readonly number[]): number =>
  values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN;

function numberArg(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} needs a positive whole number, got ${argv[index + 1]}`);
  return value;
}
