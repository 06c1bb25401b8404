import { readFile } from "node:fs/promises";
import type { LngLat } from "@waybill/shared";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { graphSourceFor, loadGraphSource } from "../adapters/routing/graph-source";
import { loadConfig } from "../config/env";
import { RouteEngine } from "../domain/road/route-engine";

/** Flags shared by the routing commands: which network to load. */
const NETWORK_FLAGS = [
  "  --osm FILE      route on this OpenStreetMap file (imported once into DATA_DIR/graph)",
  "                  default: OSM_FILE, else the last import, else the synthetic demo town",
  "  --json          print JSON",
];

export const ROUTE_USAGE = [
  "Usage: waybill route --from LNG,LAT --to LNG,LAT [--via LNG,LAT]... [--osm FILE] [--json]",
  ...NETWORK_FLAGS,
];
export const MATRIX_USAGE = [
  "Usage: waybill matrix --points 'LNG,LAT;LNG,LAT;...' | --file POINTS.json [--osm FILE] [--json]",
  "  POINTS.json: an array of [lng, lat] (every point is a source and a target)",
  ...NETWORK_FLAGS,
];

/** `waybill route`: the fastest route between points, as JSON or readable steps. */
export async function runRouteCommand(argv: readonly string[], log: (line: string) => void): Promise<void> {
  const flags = parseFlags(argv, ["--from", "--to", "--via", "--osm"], ["--json"]);
  const from = parsePoint("--from", flags.values.get("--from")?.[0]);
  const to = parsePoint("--to", flags.values.get("--to")?.[0]);
  const via = (flags.values.get("--via") ?? []).map((v) => parsePoint("--via", v));
  const engine = await loadEngine(flags.values.get("--osm")?.[0]);
  const result = engine.route([from, ...via, to]);
  if ("error" in result)
    throw new Error(
      `${result.error}${result.pointIndex === undefined ? "" : ` (point ${result.pointIndex})`}: ${result.reason}`,
    );
  if (flags.switches.has("--json")) return log(JSON.stringify(result));
  log(`${(result.distanceM / 1000).toFixed(2)} km, ${formatDuration(result.durationS)}`);
  for (const step of result.steps)
    log(`  ${step.instruction}${step.distanceM > 0 ? ` (${Math.round(step.distanceM)} m)` : ""}`);
}

/** `waybill matrix`: travel times and distances between every pair of points. */
export async function runMatrixCommand(argv: readonly string[], log: (line: string) => void): Promise<void> {
  const flags = parseFlags(argv, ["--points", "--file", "--osm"], ["--json"]);
  const text = flags.values.get("--points")?.[0];
  const file = flags.values.get("--file")?.[0];
  if (!text === !file) throw new UsageError("--points", "give exactly one of --points and --file");
  const points = text ? text.split(";").map((p) => parsePoint("--points", p)) : await readPointsFile(file!);
  const engine = await loadEngine(flags.values.get("--osm")?.[0]);
  const startedAt = performance.now();
  const matrix = engine.matrix(points, points);
  const ms = performance.now() - startedAt;
  if (flags.switches.has("--json"))
    return log(JSON.stringify({ durationsS: matrix.durationsS, distancesM: matrix.distancesM }));
  log(`${points.length} x ${points.length} matrix in ${ms.toFixed(1)} ms (durations, seconds):`);
  for (const row of matrix.durationsS)
    log(row.map((d) => (d === null ? "-" : d.toFixed(0)).padStart(7)).join(""));
}

async function loadEngine(osmFile: string | undefined): Promise<RouteEngine> {
  const config = loadConfig(process.env);
  const source = graphSourceFor(osmFile ?? config.OSM_FILE, config.dataDir);
  const loaded = await loadGraphSource(source);
  return new RouteEngine(loaded.graph);
}

function parsePoint(flag: string, text: string | undefined): LngLat {
  if (text === undefined) throw new UsageError(flag, "is required");
  const [lng, lat, extra] = text.split(",").map(Number);
  if (extra !== undefined || !(lng! >= -180 && lng! <= 180) || !(lat! >= -90 && lat! <= 90)) {
    throw new UsageError(
      flag,
      `expected LNG,LAT (longitude -180..180, latitude -90..90), got ${JSON.stringify(text)}`,
    );
  }
  return [lng!, lat!];
}

async function readPointsFile(path: string): Promise<LngLat[]> {
  const parsed: unknown = JSON.parse(
    await readFile(path, "utf8").catch((e: Error) => {
      throw new UsageError("--file", `cannot read ${path}: ${e.message}`);
    }),
  );
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new UsageError("--file", `${path}: expected a non-empty JSON array of [lng, lat]`);
  return parsed.map((p, i) => parsePoint(`--file [${i}]`, Array.isArray(p) ? p.join(",") : String(p)));
}

function parseFlags(argv: readonly string[], valued: readonly string[], switches: readonly string[]) {
  const values = new Map<string, string[]>();
  const on = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (switches.includes(flag)) on.add(flag);
    else if (valued.includes(flag)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(flag, "needs a value");
      values.set(flag, [...(values.get(flag) ?? []), value]);
    } else throw new UsageError(flag, "unknown flag");
  }
  return { values, switches: on };
}

const formatDuration = (seconds: number): string =>
  seconds < 3600
    ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
    : `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
