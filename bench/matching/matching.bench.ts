import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readOsmFile } from "../../server/src/adapters/osm/osm-reader";
import { matchTrack } from "../../server/src/domain/matching/matched-track";
import { MatchingNetwork } from "../../server/src/domain/matching/matching-network";
import { routeMismatchFraction } from "../../server/src/domain/matching/route-mismatch";
import { customizeHierarchy } from "../../server/src/domain/road/ch-customize";
import { buildContractionHierarchy } from "../../server/src/domain/road/ch-preprocess";
import { HierarchyQuery } from "../../server/src/domain/road/ch-query";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../server/src/domain/road/road-import";
import { distanceM } from "../../server/src/domain/road/route-geo";
import { createSeededRandom, deriveSeed } from "../../telematics/src/simulator/seeded-random";
import { type CellResult, printCells } from "./matching-report";
import { randomRoutes, sampleTrack } from "./truth-tracks";

/**
 * `pnpm bench matching [--routes N]`: map-matching accuracy and speed on tracks with known truth.
 * On Monaco and Liechtenstein, N random routes of the routing engine (default 25 per area) are
 * driven at realistic speeds with stops, and each is sampled at 1, 5, 15 and 30 s with 5, 10, 15
 * and 20 m Gaussian noise and 2 % outliers 40-100 m off (seeded: every run measures the same
 * tracks). Each match is scored by route mismatch fraction, and each matched point by its
 * distance from where the vehicle really was. Speed is fixes per second of CPU time spent in the
 * matcher (process.cpuUsage around each track: on a shared machine, wall time would count other
 * jobs too); it runs on one thread.
 */
const INTERVALS_S = [1, 5, 15, 30] as const;
const NOISES_M = [5, 10, 15, 20] as const;
const OUTLIER_SHARE = 0.02;
const AREAS = ["monaco", "liechtenstein"] as const;
const osmDir = fileURLToPath(new URL("../../../shared/data/osm/", import.meta.url));

export async function runMatchingBench(argv: readonly string[]): Promise<boolean> {
  const routesIndex = argv.indexOf("--routes");
  const routesPerArea = routesIndex >= 0 ? Number(argv[routesIndex + 1]) : 25;
  if (!(routesPerArea >= 1))
    throw new Error(`--routes needs a positive number, got ${argv[routesIndex + 1]}`);
  const cells = new Map<string, CellResult>();
  for (const intervalS of INTERVALS_S)
    for (const noiseM of NOISES_M)
      cells.set(`${intervalS}/${noiseM}`, {
        intervalS,
        noiseM,
        scores: [],
        pointErrorsM: [],
        fixes: 0,
        ms: 0,
      });
  for (const [a, area] of AREAS.entries()) {
    const file = `${osmDir}${area}.osm.pbf`;
    if (!existsSync(file)) {
      console.log(`${area}: skipped (${file} not found; it ships in ../shared/data/osm)`);
      continue;
    }
    await benchArea(file, area, routesPerArea, deriveSeed(2026, a), cells);
  }
  return printCells([...cells.values()]);
}

async function benchArea(
  file: string,
  area: string,
  routeCount: number,
  seed: number,
  cells: Map<string, CellResult>,
): Promise<void> {
  const { graph } = buildRoadGraphFromExtract((await readOsmFile(file)).extract);
  const hierarchy = buildContractionHierarchy(graph);
  const query = new HierarchyQuery(hierarchy, customizeHierarchy(hierarchy, graph, graph.edgeDurationMs));
  const network = new MatchingNetwork(graph);
  const routes = randomRoutes(graph, query, routeCount, createSeededRandom(seed));
  const km = routes.reduce((s, r) => s + r.reduce((m, e) => m + graph.edgeDistanceM[e]!, 0), 0) / 1000;
  console.log(
    `${area}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges; ${routeCount} routes, ${km.toFixed(0)} km`,
  );
  warmUp(graph, network, routes);
  for (const cell of cells.values()) {
    const random = createSeededRandom(deriveSeed(seed, cell.intervalS * 100 + cell.noiseM));
    for (const edges of routes) {
      const truth = sampleTrack(
        graph,
        network.tails,
        edges,
        { ...cell, outlierShare: OUTLIER_SHARE },
        random,
      );
      const startedAt = process.cpuUsage();
      const matched = matchTrack(network, truth.fixes);
      const { user, system } = process.cpuUsage(startedAt);
      cell.ms += (user + system) / 1000;
      cell.fixes += truth.fixes.length;
      cell.scores.push(routeMismatchFraction(graph, truth.edges, matched));
      matched.fixes.forEach(({ point }, k) => {
        const [lng, lat] = truth.positions[k]!;
        if (point) cell.pointErrorsM.push(distanceM(lng, lat, point.lngLat[0], point.lngLat[1]));
      });
    }
  }
}

/** Matches a few unscored tracks first, so that the first cell is not timed while the JIT warms up. */
function warmUp(graph: RoadGraph, network: MatchingNetwork, routes: readonly number[][]): void {
  const random = createSeededRandom(1);
  for (const edges of routes.slice(0, 5))
    for (const intervalS of INTERVALS_S)
      matchTrack(
        network,
        sampleTrack(
          graph,
          network.tails,
          edges,
          { intervalS, noiseM: 10, outlierShare: OUTLIER_SHARE },
          random,
        ).fixes,
      );
}
