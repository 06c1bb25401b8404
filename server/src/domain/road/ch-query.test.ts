import { describe, expect, it } from "vitest";
import { customizeHierarchy } from "./ch-customize";
import { buildContractionHierarchy } from "./ch-preprocess";
import { HierarchyQuery } from "./ch-query";
import { DijkstraSearch, type SearchSeed } from "./dijkstra";
import { createRandom, gridGraph, randomGraph } from "./graph-fixtures";
import type { RoadGraph } from "./road-graph";

/** Random pairs per graph; ROUTING_ORACLE_PAIRS raises it for a longer run. */
const PAIRS = Number(process.env.ROUTING_ORACLE_PAIRS ?? 2000);

/** Checks that `edges` is a connected path from `from` to `to` and returns its travel time, ms. */
function walk(graph: RoadGraph, edges: readonly number[], from: number, to: number): number {
  let at = from;
  let ms = 0;
  for (const e of edges) {
    expect(e >= graph.firstEdge[at]! && e < graph.firstEdge[at + 1]!).toBe(true);
    ms += graph.edgeDurationMs[e]!;
    at = graph.edgeTarget[e]!;
  }
  expect(at).toBe(to);
  return ms;
}

const graphs: [string, RoadGraph][] = [
  ["a 25 × 25 grid with one-way rows", gridGraph(25, 25)],
  ["a random network of 3,000 nodes on two islands", randomGraph({ nodeCount: 3000, seed: 11 })],
  [
    "a random network of three islands, 40 % one-way",
    randomGraph({ nodeCount: 1500, seed: 5, onewayShare: 0.4, islands: 3 }),
  ],
];

describe(HierarchyQuery.name, () => {
  describe.each(graphs)("on %s", (_, graph) => {
    const ch = buildContractionHierarchy(graph);
    const query = new HierarchyQuery(ch, customizeHierarchy(ch, graph, graph.edgeDurationMs));
    const oracle = new DijkstraSearch(graph);

    it(`matches the Dijkstra oracle on ${PAIRS} random pairs, to the millisecond`, () => {
      const random = createRandom(1);
      let reachable = 0;
      for (let i = 0; i < PAIRS; i++) {
        const s = Math.floor(random() * graph.nodeCount);
        const t = Math.floor(random() * graph.nodeCount);
        const expected = oracle.shortestPath(s, t);
        const actual = query.route(s, t);
        expect(actual?.durationMs ?? null, `${s} -> ${t}`).toBe(expected?.durationMs ?? null);
        if (!actual || !expected) continue;
        reachable++;
        expect(actual.distanceM).toBeCloseTo(expected.distanceM, 6);
        expect(walk(graph, actual.edges, s, t)).toBe(actual.durationMs);
      }
      expect(reachable).toBeGreaterThan(PAIRS / 10);
    });

    it("matches the oracle from and to seeded edge positions", () => {
      const random = createRandom(2);
      const seed = (): SearchSeed => ({
        node: Math.floor(random() * graph.nodeCount),
        durationMs: Math.floor(random() * 5000),
        distanceM: random() * 50,
      });
      for (let i = 0; i < 300; i++) {
        const sources = [seed(), seed()];
        const target = seed();
        const path = query.routeSeeds(sources, [target]);
        const expected = oracle.pathFromSeeds(sources, target.node);
        expect(path?.durationMs ?? null).toBe(expected ? expected.durationMs + target.durationMs : null);
      }
    });
  });

  it("gives an empty path from a node to itself", () => {
    const graph = gridGraph(3, 3);
    const ch = buildContractionHierarchy(graph);
    const query = new HierarchyQuery(ch, customizeHierarchy(ch, graph, graph.edgeDurationMs));
    expect(query.route(4, 4)).toMatchObject({ durationMs: 0, edges: [], sourceNode: 4, targetNode: 4 });
  });
});
