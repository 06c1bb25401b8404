import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { customizeHierarchy } from "./ch-customize";
import { buildContractionHierarchy } from "./ch-preprocess";
import { HierarchyQuery } from "./ch-query";
import { DijkstraSearch } from "./dijkstra";
import { createRandom } from "./graph-fixtures";
import { computeMatrixByDijkstra, HierarchyMatrix } from "./matrix";
import type { RoadGraph } from "./road-graph";
import { RouteEngine } from "./route-engine";
import { sameEdgeLeg, sourceSeeds, targetSeeds } from "./route-leg";
import { tailsOf } from "./snap";
import { computeEdgeWeights, createTrafficState, updateTrafficState } from "./traffic";

/**
 * The hierarchy against the Dijkstra oracle on real extracts (Monaco, Liechtenstein), imported by
 * the OSM importer. ROUTING_ORACLE_PAIRS raises the number of random pairs (default 500).
 */
const PAIRS = Number(process.env.ROUTING_ORACLE_PAIRS ?? 2000);
const DATA = fileURLToPath(new URL("../../../../../shared/data/osm", import.meta.url));

type Importer = (path: string) => Promise<RoadGraph>;

async function findImporter(): Promise<Importer | string> {
  try {
    const { readOsmFile } = await import("../../adapters/osm/osm-reader");
    const { buildRoadGraphFromExtract } = await import("./road-import");
    return async (path) => buildRoadGraphFromExtract((await readOsmFile(path)).extract).graph;
  } catch (error) {
    return `the OSM importer could not be loaded (${(error as Error).message})`;
  }
}

const importer = await findImporter();

for (const name of ["monaco", "liechtenstein", "andorra"]) {
  const path = `${DATA}/${name}.osm.pbf`;
  const skip = typeof importer === "string" ? importer : existsSync(path) ? null : `${path} is missing`;
  if (skip) console.warn(`skipping real-graph routing tests on ${name}: ${skip}`);

  describe.skipIf(skip !== null)(
    `the hierarchy on ${name}.osm.pbf${skip ? ` (skipped: ${skip})` : ""}`,
    async () => {
      const graph = skip ? null : await (importer as Importer)(path);
      if (!graph) return;
      const started = performance.now();
      const ch = buildContractionHierarchy(graph);
      const metric = customizeHierarchy(ch, graph, graph.edgeDurationMs);
      const buildMs = performance.now() - started;
      console.info(
        `${name}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${ch.arcCount} arcs, preprocessing ${buildMs.toFixed(0)} ms`,
      );
      const oracle = new DijkstraSearch(graph);
      const random = createRandom(99);
      const pairs = Array.from(
        { length: PAIRS },
        () => [Math.floor(random() * graph.nodeCount), Math.floor(random() * graph.nodeCount)] as const,
      );

      it(`matches the oracle on ${PAIRS} random pairs`, () => {
        const query = new HierarchyQuery(ch, metric);
        for (const [s, t] of pairs) {
          const expected = oracle.shortestPath(s, t);
          const actual = query.route(s, t);
          expect(actual?.durationMs ?? null, `${s} -> ${t}`).toBe(expected?.durationMs ?? null);
          if (actual && expected) expect(Math.abs(actual.distanceM - expected.distanceM)).toBeLessThan(1e-3);
        }
      });

      it("computes a 40 × 40 matrix equal to the oracle", () => {
        const points = pairs.slice(0, 40).map(([s]) => [{ node: s, durationMs: 0, distanceM: 0 }]);
        const actual = new HierarchyMatrix(ch, metric).compute(points, points);
        expect(Array.from(actual.durationsMs)).toEqual(
          Array.from(computeMatrixByDijkstra(graph, points, points).durationsMs),
        );
      });

      it("routes between 200 pairs of random coordinates in exactly the oracle's time", () => {
        const engine = new RouteEngine(graph, { hierarchy: ch });
        const tails = tailsOf(graph);
        const near = (): [number, number] => {
          const v = Math.floor(random() * graph.nodeCount);
          return [
            graph.nodeLng[v]! + (random() - 0.5) * 0.0008,
            graph.nodeLat[v]! + (random() - 0.5) * 0.0006,
          ];
        };
        for (let i = 0; i < 200; i++) {
          const points = [near(), near()];
          const [a, b] = engine.snapPoints(points);
          const result = engine.route(points, { steps: false });
          if (!a || !b || "error" in a || "error" in b) {
            expect(result).toMatchObject({ error: "point_not_routable" });
            continue;
          }
          oracle.searchAll(sourceSeeds(graph, tails, a.snapped, graph.edgeDurationMs));
          let best =
            sameEdgeLeg(graph, tails, a.snapped, b.snapped, graph.edgeDurationMs)?.durationMs ?? Infinity;
          for (const s of targetSeeds(graph, tails, b.snapped, graph.edgeDurationMs)) {
            best = Math.min(best, oracle.durationTo(s.node) + s.durationMs);
          }
          const actual = "error" in result ? Infinity : Math.round(result.durationS * 1000);
          expect(actual).toBe(best);
        }
      });

      it("matches the oracle after slowing 5 % of the edges and closing 50", () => {
        const update = {
          speedFactors: Array.from({ length: Math.floor(graph.edgeCount / 20) }, () => ({
            edge: Math.floor(random() * graph.edgeCount),
            factor: 0.2 + random() * 0.8,
          })),
          close: Array.from({ length: 50 }, () => Math.floor(random() * graph.edgeCount)),
        };
        const weights = computeEdgeWeights(
          graph,
          updateTrafficState(graph, createTrafficState(graph), update),
        );
        const t0 = performance.now();
        const live = customizeHierarchy(ch, graph, weights);
        console.info(`${name}: traffic customization ${(performance.now() - t0).toFixed(1)} ms`);
        const query = new HierarchyQuery(ch, live);
        for (const [s, t] of pairs.slice(0, Math.min(PAIRS, 300))) {
          expect(query.route(s, t)?.durationMs ?? null).toBe(
            oracle.shortestPath(s, t, weights)?.durationMs ?? null,
          );
        }
      });
    },
  );
}
