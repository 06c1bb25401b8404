import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

type LngLat = readonly [lng: number, lat: number];

import { readOsmFile } from "../../server/src/adapters/osm/osm-reader";
import { customizeHierarchy } from "../../server/src/domain/road/ch-customize";
import { buildContractionHierarchy } from "../../server/src/domain/road/ch-preprocess";
import { DijkstraSearch } from "../../server/src/domain/road/dijkstra";
import { computeMatrixByDijkstra, HierarchyMatrix } from "../../server/src/domain/road/matrix";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../server/src/domain/road/road-import";
import { RouteEngine } from "../../server/src/domain/road/route-engine";

/**
 * `pnpm bench routing`: import, preprocessing, route queries, 100 x 100 matrices and a traffic
 * update on the real extracts, with plain Dijkstra measured in the same run as the reference, and
 * OSRM 6.0's figures measured on this machine (from the routing issue) beside ours.
 */
const OSRM = { routeP50Ms: 0.33, matrix100Ms: 17.7, preprocessS: 0.9 };
const osmDir = fileURLToPath(new URL("../../../shared/data/osm/", import.meta.url));

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** A seeded generator (mulberry32) so every run measures the same pairs. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const time = <T>(work: () => T): [T, number] => {
  const startedAt = performance.now();
  const result = work();
  return [result, performance.now() - startedAt];
};

async function benchArea(name: string): Promise<void> {
  const file = `${osmDir}${name}.osm.pbf`;
  if (!existsSync(file))
    return console.log(`\n## ${name}: skipped (${file} not found; it ships in ../shared/data/osm)`);
  const readStarted = performance.now();
  const { extract } = await readOsmFile(file, {});
  const [{ graph }, buildMs] = time(() => buildRoadGraphFromExtract(extract));
  const importMs = performance.now() - readStarted;
  const [hierarchy, preprocessMs] = time(() => buildContractionHierarchy(graph));
  const [metric, customizeMs] = time(() => customizeHierarchy(hierarchy, graph, graph.edgeDurationMs));
  console.log(`\n## ${name}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges`);
  console.log(
    `import ${importMs.toFixed(0)} ms (build ${buildMs.toFixed(0)} ms) + preprocessing ${(preprocessMs + customizeMs).toFixed(0)} ms = ${(importMs + preprocessMs + customizeMs).toFixed(0)} ms  (target < 5,000 ms; OSRM CH preprocessing ${OSRM.preprocessS * 1000} ms)`,
  );
  const engine = new RouteEngine(graph, { hierarchy });
  benchRoutes(graph, engine);
  benchMatrix(graph, new HierarchyMatrix(hierarchy, metric), engine);
  benchTraffic(graph, engine);
}

function randomPoints(graph: RoadGraph, count: number, random: () => number): LngLat[] {
  return Array.from({ length: count }, () => {
    const v = Math.floor(random() * graph.nodeCount);
    return [graph.nodeLng[v]! + (random() - 0.5) * 6e-4, graph.nodeLat[v]! + (random() - 0.5) * 4e-4];
  });
}

function benchRoutes(graph: RoadGraph, engine: RouteEngine): void {
  const random = seeded(7);
  const points = randomPoints(graph, 6000, random);
  const pairs = Array.from({ length: 3000 }, (_, i) => [points[2 * i]!, points[2 * i + 1]!] as const);
  for (const [a, b] of pairs.slice(0, 300)) engine.route([a, b]);
  const routeMs = pairs.map(([a, b]) => time(() => engine.route([a, b]))[1]);
  const dijkstra = new DijkstraSearch(graph);
  const nodes = Array.from(
    { length: 1000 },
    () => [Math.floor(random() * graph.nodeCount), Math.floor(random() * graph.nodeCount)] as const,
  );
  const dijkstraMs = nodes.map(([s, t]) => time(() => dijkstra.shortestPath(s, t))[1]);
  const p50 = percentile(routeMs, 0.5);
  console.log(
    `route (snap + query + geometry + steps), 3,000 random pairs: p50 ${(p50 * 1000).toFixed(0)} µs, p99 ${(percentile(routeMs, 0.99) * 1000).toFixed(0)} µs  (target p50 < 300 µs; OSRM ${OSRM.routeP50Ms * 1000} µs)`,
  );
  console.log(
    `plain Dijkstra, 1,000 node pairs: p50 ${(percentile(dijkstraMs, 0.5) * 1000).toFixed(0)} µs -> ours is ${(percentile(dijkstraMs, 0.5) / p50).toFixed(1)}x faster (p50), ${(OSRM.routeP50Ms / p50).toFixed(1)}x OSRM's`,
  );
}

function benchMatrix(graph: RoadGraph, matrix: HierarchyMatrix, engine: RouteEngine): void {
  const random = seeded(11);
  const seeds = () =>
    Array.from({ length: 100 }, () => [
      { node: Math.floor(random() * graph.nodeCount), durationMs: 0, distanceM: 0 },
    ]);
  for (let i = 0; i < 3; i++) matrix.compute(seeds(), seeds());
  const coreMs = Array.from({ length: 20 }, () => {
    const [s, t] = [seeds(), seeds()];
    return time(() => matrix.compute(s, t))[1];
  });
  const engineMs = Array.from({ length: 10 }, () => {
    const [s, t] = [randomPoints(graph, 100, random), randomPoints(graph, 100, random)];
    return time(() => engine.matrix(s, t))[1];
  });
  const sources = seeds();
  const dijkstraMs = time(() => computeMatrixByDijkstra(graph, sources, sources))[1];
  const p50 = percentile(engineMs, 0.5);
  console.log(
    `100 x 100 matrix: ${p50.toFixed(1)} ms p50 with snapping (core ${percentile(coreMs, 0.5).toFixed(1)} ms)  (target < 20 ms; OSRM CH ${OSRM.matrix100Ms} ms)`,
  );
  console.log(
    `100 one-to-all Dijkstras: ${dijkstraMs.toFixed(0)} ms -> ours is ${(dijkstraMs / p50).toFixed(0)}x faster, ${(OSRM.matrix100Ms / p50).toFixed(1)}x OSRM's`,
  );
}

function benchTraffic(graph: RoadGraph, engine: RouteEngine): void {
  const random = seeded(13);
  const updateMs = Array.from({ length: 5 }, (_, i) => {
    const speedFactors = Array.from({ length: Math.floor(graph.edgeCount / 20) }, () => ({
      edge: Math.floor(random() * graph.edgeCount),
      factor: 0.2 + random() * 0.8,
    }));
    const close = Array.from({ length: 50 }, () => Math.floor(random() * graph.edgeCount));
    return time(() => engine.applyTraffic({ reset: true, speedFactors, close }, i % 24))[1];
  });
  console.log(
    `traffic update (5 % of edges slowed, 50 closed) applied to routes and matrices: p50 ${percentile(updateMs, 0.5).toFixed(1)} ms, max ${Math.max(...updateMs).toFixed(1)} ms  (target < 1,000 ms)`,
  );
}

/** Runs the routing benchmark on Monaco and Liechtenstein (and Andorra with `all`). */
export async function runRoutingBench(args: readonly string[]): Promise<void> {
  console.log(
    `routing benchmark, node ${process.version}, ${(await import("node:os")).cpus()[0]?.model ?? "cpu"} x ${(await import("node:os")).cpus().length}`,
  );
  const areas = args.includes("all") ? ["monaco", "liechtenstein", "andorra"] : ["monaco", "liechtenstein"];
  for (const area of areas) await benchArea(area);
}
