import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "../road/dijkstra";
import { gridGraph } from "../road/graph-fixtures";
import { SnapIndex } from "../road/snap";
import { edgeFrom } from "./__fixtures__/drive";
import { BoundedRouteSearch } from "./bounded-route-search";

// 6 × 6 grid, about 100 m apart; rows 1 and 4 are one-way (west- and eastbound).
const graph = gridGraph(6, 6);
const index = new SnapIndex(graph);
const search = new BoundedRouteSearch(graph, index.edgeSource, index.reverseEdge);
const free = { uTurnPenaltyM: 0, maxSettledNodes: 100_000 };

describe(BoundedRouteSearch.name, () => {
  it("finds the shortest driving distance from a point on an edge, as plain Dijkstra does from its head", () => {
    const edge = edgeFrom(graph, 0, 1);
    search.clearTargets();
    search.searchFrom(edge, 30, 5_000, free);
    const oracle = new DijkstraSearch(graph);
    const byLength = graph.edgeDistanceM;
    oracle.searchAll([{ node: 1, durationMs: 0, distanceM: 0 }], byLength);
    const restM = graph.edgeDistanceM[edge]! - 30;
    for (const v of [1, 7, 20, 35]) expect(search.distanceTo(v)).toBeCloseTo(restM + oracle.distanceTo(v), 4);
  });

  it("stops at the distance limit and once every target is settled", () => {
    search.clearTargets();
    search.searchFrom(edgeFrom(graph, 0, 1), 0, 250, free);
    expect(search.distanceTo(2)).toBeCloseTo(200, 0);
    expect(search.distanceTo(5)).toBe(Number.POSITIVE_INFINITY);
    search.clearTargets();
    search.addTarget(2);
    search.searchFrom(edgeFrom(graph, 0, 1), 0, 5_000, free);
    expect(search.distanceTo(2)).toBeCloseTo(200, 0);
    expect(search.distanceTo(35)).toBe(Number.POSITIVE_INFINITY);
  });

  it("heading for a goal circle finds the same distances to the targets in it, and skips what leads away", () => {
    const edge = edgeFrom(graph, 0, 1);
    const goal = { lng: graph.nodeLng[35]!, lat: graph.nodeLat[35]!, radiusM: 150 };
    const targets = [35, 29, 34];
    const distances = (withGoal: boolean) => {
      search.clearTargets();
      for (const t of targets) search.addTarget(t);
      search.searchFrom(edge, 0, 5_000, free, withGoal ? goal : undefined);
      return targets.map((t) => search.distanceTo(t));
    };
    const plain = distances(false);
    expect(distances(true)).toEqual(plain);
    // Node 24 (west end of row 4) is 600 m away, within the limit, but leads away from the goal.
    search.clearTargets();
    search.searchFrom(edge, 0, 650, free);
    expect(search.distanceTo(24)).toBeCloseTo(600, 0);
    search.searchFrom(edge, 0, 650, free, goal);
    expect(search.distanceTo(24)).toBe(Number.POSITIVE_INFINITY);
  });

  it("charges a U-turn onto the edge just driven and returns the path with the start edge first", () => {
    const east = edgeFrom(graph, 0, 1);
    search.clearTargets();
    search.searchFrom(east, 90, 5_000, { uTurnPenaltyM: 1_000, maxSettledNodes: 100_000 });
    // Back to node 0: around the block (1 → 7 → 6 → 0), not straight back.
    expect(search.distanceTo(0)).toBeCloseTo(10 + 300, 0);
    const path: number[] = [];
    search.appendPathTo(0, path);
    expect(path).toEqual([east, edgeFrom(graph, 1, 7), edgeFrom(graph, 7, 6), edgeFrom(graph, 6, 0)]);
  });
});
