import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGraphSource } from "../../server/src/adapters/routing/graph-source";
import { RoutingPool } from "../../server/src/adapters/routing/routing-pool";
import type { GpsFix } from "../../server/src/domain/matching/match-types";
import { customizeHierarchy } from "../../server/src/domain/road/ch-customize";
import { buildContractionHierarchy } from "../../server/src/domain/road/ch-preprocess";
import { HierarchyQuery } from "../../server/src/domain/road/ch-query";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { tailsOf } from "../../server/src/domain/road/snap";
import { tripLine } from "../../server/src/domain/tracking/trip-line";
import { matchInPieces } from "../../server/src/services/tracking/trip.service";
import { createSeededRandom, type SeededRandom } from "../../telematics/src/simulator/seeded-random";
import { sampleTrack } from "../matching/truth-tracks";

/**
 * `pnpm bench history`: how long the history endpoint spends matching a long day. One vehicle
 * drives all day on Monaco (chained fastest routes, realistic speeds and stops; the synthetic
 * town when the extract is missing), a fix every second with 10 m of noise and 2 % outliers:
 * 86,400 fixes. They are matched in a routing worker as `GET /vehicles/{id}/trips` does (piece by
 * piece, one call after the other) and drawn into the trip's line. Reported: wall time in the
 * worker, the longest single call (the most a route request waits behind history), the time to
 * draw the line, and the matched length against the length driven.
 */
const DAY_FIXES = 86_400;
const osmFile = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));

export async function runHistoryBench(): Promise<boolean> {
  const graphDir = await mkdtemp(join(tmpdir(), "waybill-history-bench-"));
  const source = existsSync(osmFile)
    ? ({ kind: "osm", osmFile, graphDir } as const)
    : ({ kind: "synthetic", seed: 7 } as const);
  const { graph, name } = await loadGraphSource(source);
  const { fixes, drivenM } = dayOfDriving(graph, createSeededRandom(2026));
  console.log(`${name}: ${fixes.length} fixes at 1 Hz, ${(drivenM / 1000).toFixed(0)} km driven`);
  const pool = await RoutingPool.start(source, 1);
  try {
    await pool.matchTrack({ fixes: fixes.slice(0, 600) }); // the worker builds its matching network
    const callsMs: number[] = [];
    const startedAt = performance.now();
    const match = await matchInPieces(fixes, async (piece) => {
      const callAt = performance.now();
      const result = await pool.matchTrack({ fixes: piece });
      callsMs.push(performance.now() - callAt);
      return result;
    });
    const matchMs = performance.now() - startedAt;
    const lineAt = performance.now();
    const points = fixes.map((fix) => ({ fixAt: fix.fixAt!, lat: fix.lat, lng: fix.lng, speedKmh: null }));
    const line = tripLine(points, match);
    const lineMs = performance.now() - lineAt;
    console.log(
      `matched in ${callsMs.length} calls: ${matchMs.toFixed(0)} ms in all, longest call ${Math.max(...callsMs).toFixed(0)} ms; line drawn in ${lineMs.toFixed(0)} ms`,
    );
    console.log(
      `line: ${line.coordinates.length} vertices, ${(line.distanceM / 1000).toFixed(1)} km (${((line.distanceM / drivenM - 1) * 100).toFixed(1)} % off the length driven), ${line.rawStretches.length} stretches through raw fixes, ${match.breaks} breaks`,
    );
    return true;
  } finally {
    await pool.close();
  }
}

/** A day of fastest routes, each starting where the last ended, sampled every second. */
function dayOfDriving(graph: RoadGraph, random: SeededRandom): { fixes: GpsFix[]; drivenM: number } {
  const hierarchy = buildContractionHierarchy(graph);
  const query = new HierarchyQuery(hierarchy, customizeHierarchy(hierarchy, graph, graph.edgeDurationMs));
  const edges: number[] = [];
  let from = random.integer(0, graph.nodeCount - 1);
  // Monaco's roads are slow: 1,500 km is more than a day's driving, with stops.
  for (let drivenM = 0; drivenM < 1_500_000; ) {
    const path = query.route(from, random.integer(0, graph.nodeCount - 1));
    if (!path || path.distanceM < 500) {
      // A dead end (or an island) of the extract: start again somewhere else now and then.
      if (random.next() < 0.1) from = random.integer(0, graph.nodeCount - 1);
      continue;
    }
    edges.push(...path.edges);
    drivenM += path.distanceM;
    from = graph.edgeTarget[path.edges[path.edges.length - 1]!]!;
  }
  const track = sampleTrack(
    graph,
    tailsOf(graph),
    edges,
    { intervalS: 1, noiseM: 10, outlierShare: 0.02 },
    random,
  );
  const fixes = track.fixes.slice(0, DAY_FIXES);
  const positions = track.positions.slice(0, DAY_FIXES);
  let drivenM = 0;
  for (let k = 1; k < positions.length; k++) {
    const [a, b] = [positions[k - 1]!, positions[k]!];
    drivenM += Math.hypot(
      (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180),
      (b[1] - a[1]) * 110_574,
    );
  }
  return { fixes, drivenM };
}
