import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { readGpxFile } from "../adapters/gpx/gpx-reader";
import { graphSourceFor, loadGraphSource } from "../adapters/routing/graph-source";
import { DEFAULT_MATCH_OPTIONS } from "../domain/matching/match-options";
import { matchedTrackFeature, matchTrack } from "../domain/matching/matched-track";
import { MatchingNetwork } from "../domain/matching/matching-network";

/** `pnpm waybill match --help`. */
export const MATCH_USAGE: readonly string[] = [
  "Usage: waybill match TRACK.gpx [--osm FILE] [--sigma METRES] [--json]",
  "  TRACK.gpx       GPS track: its track points (lat, lon, optional time) in order",
  "  --osm FILE      match on this OpenStreetMap file (imported once into DATA_DIR/graph)",
  "                  default: OSM_FILE, else the last import, else the synthetic demo town",
  `  --sigma METRES  GPS error of the track, metres (default ${DEFAULT_MATCH_OPTIONS.sigmaM})`,
  "  --json          print the matched path as a GeoJSON Feature: the LineString, with",
  "                  properties.osmNodeIds (in driving order) and properties.points (per fix, or null)",
];

/** What the command talks to: its output and the configuration's defaults. */
export interface MatchCommandIo {
  log(line: string): void;
  /** DATA_DIR of the configuration (where imported graphs are kept). */
  readonly dataDir: string;
  /** OSM_FILE of the configuration ("" when unset). */
  readonly osmFile: string;
}

interface MatchArgs {
  readonly track: string;
  readonly osm: string | undefined;
  readonly sigmaM: number;
  readonly json: boolean;
}

/**
 * `waybill match TRACK.gpx`: map-matches a recorded GPS track on the road network and prints the
 * driven path, as a GeoJSON Feature with `--json`, else as a short summary.
 *
 * @throws UsageError for bad arguments; GpxFileError for an unreadable track.
 */
export async function runMatchCommand(argv: readonly string[], io: MatchCommandIo): Promise<void> {
  const args = parseMatchArgs(argv);
  const fixes = await readGpxFile(args.track);
  const loaded = await loadGraphSource(graphSourceFor(args.osm ?? io.osmFile, io.dataDir));
  const network = new MatchingNetwork(loaded.graph);
  const startedAt = performance.now();
  const track = matchTrack(network, fixes, { sigmaM: args.sigmaM });
  const ms = performance.now() - startedAt;
  const feature = matchedTrackFeature(network, track);
  if (args.json) return io.log(JSON.stringify(feature));
  const matched = feature.properties.points.filter((p) => p !== null).length;
  const lengthM = track.edges.reduce((sum, e) => sum + loaded.graph.edgeDistanceM[e]!, 0);
  io.log(`${fixes.length} fixes on ${loaded.name}: ${matched} matched, ${fixes.length - matched} skipped`);
  io.log(
    `path: ${track.edges.length} road segments, about ${(lengthM / 1000).toFixed(2)} km, ${feature.properties.osmNodeIds.length} OSM nodes, ${track.breaks} breaks (${ms.toFixed(0)} ms)`,
  );
}

function parseMatchArgs(argv: readonly string[]): MatchArgs {
  let track: string | undefined;
  let osm: string | undefined;
  let sigmaM: number = DEFAULT_MATCH_OPTIONS.sigmaM;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--osm") osm = flagValue(argv, ++i, arg);
    else if (arg === "--sigma") {
      sigmaM = Number(flagValue(argv, ++i, arg));
      if (!(sigmaM > 0 && sigmaM <= 200))
        throw new UsageError(arg, `expected metres in (0, 200], got "${argv[i]}"`);
    } else if (arg.startsWith("-")) throw new UsageError(arg, "unknown flag");
    else if (track === undefined) track = arg;
    else throw new UsageError(undefined, `one track at a time, got "${track}" and "${arg}"`);
  }
  if (track === undefined) throw new UsageError(undefined, "give the GPX track to match");
  return { track, osm, sigmaM, json };
}

function flagValue(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i];
  if (value === undefined) throw new UsageError(flag, "needs a value");
  return value;
}
