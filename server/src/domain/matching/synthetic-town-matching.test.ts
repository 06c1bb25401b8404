import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "../road/dijkstra";
import { createRandom } from "../road/graph-fixtures";
import { buildRoadGraphFromExtract } from "../road/road-import";
import { generateSyntheticTown } from "../road/synthetic-town";
import { driveAlong } from "./__fixtures__/drive";
import { matchTrack } from "./matched-track";
import { MatchingNetwork } from "./matching-network";
import { routeMismatchFraction } from "./route-mismatch";

const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 42 }));
const network = new MatchingNetwork(graph);

/** Fastest routes of 1.5 km or more between random nodes of the town, seeded. */
function randomRoutes(count: number): number[][] {
  const search = new DijkstraSearch(graph);
  const random = createRandom(17);
  const routes: number[][] = [];
  while (routes.length < count) {
    const [from, to] = [random(), random()].map((r) => Math.floor(r * graph.nodeCount));
    const path = search.shortestPath(from!, to!);
    if (path && path.distanceM >= 1_500) routes.push(path.edges);
  }
  return routes;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe("map matching on the synthetic town", () => {
  const routes = randomRoutes(8);

  for (const [intervalS, noiseM] of [
    [1, 10],
    [5, 15],
    [15, 10],
    [30, 20],
  ] as const) {
    it(`finds the driven roads sampled every ${intervalS} s with ${noiseM} m of noise (median mismatch <= 0.05)`, () => {
      const scores = routes.map((edges, k) => {
        const fixes = driveAlong(graph, edges, { speedMps: 11, intervalS, noiseM, seed: k + 1 });
        return routeMismatchFraction(graph, edges, matchTrack(network, fixes));
      });
      expect(median(scores)).toBeLessThanOrEqual(0.05);
    });
  }

  it("drives through the roundabout as the route does, sampled every 5 s with 10 m of noise", () => {
    const roundabout = graph.wayName.indexOf("Fountain Circus");
    const edges = routeThrough(roundabout);
    const track = matchTrack(network, driveAlong(graph, edges, { speedMps: 9, intervalS: 5, noiseM: 10 }));
    expect(track.edges).toEqual(edges);
  });
});

/** The first of a fixed series of node-to-node routes that drives on the given way. */
function routeThrough(way: number): number[] {
  const search = new DijkstraSearch(graph);
  for (let v = 0; v < graph.nodeCount; v++) {
    const path = search.shortestPath(v, (v * 7919) % graph.nodeCount);
    if (path?.edges.some((e) => graph.edgeWay[e] === way)) return path.edges;
  }
  throw new Error(`no route drives on way ${way}`);
}
