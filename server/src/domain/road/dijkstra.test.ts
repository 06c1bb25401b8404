import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "./dijkstra";
import { buildFixtureGraph, type FixtureNode } from "./graph-fixtures";
import { WAY_ONEWAY } from "./road-graph";

/** A square a-b-c-d: a→b→c fast one-way, a-d-c two-way slow, plus an isolated node e. */
function squareGraph() {
  const nodes: FixtureNode[] = [
    { lng: 7.42, lat: 43.73 },
    { lng: 7.421, lat: 43.73 },
    { lng: 7.421, lat: 43.731 },
    { lng: 7.42, lat: 43.731 },
    { lng: 7.43, lat: 43.74 },
  ];
  const ways = [
    { name: "Fast", roadClass: "primary" as const, flags: WAY_ONEWAY },
    { name: "Slow", roadClass: "residential" as const },
  ];
  // Listed by tail node, so fixture order = graph edge order.
  const edges = [
    { from: 0, to: 1, way: 0, durationMs: 1000, distanceM: 100 },
    { from: 0, to: 3, way: 1, durationMs: 3000, distanceM: 100 },
    { from: 1, to: 2, way: 0, durationMs: 1000, distanceM: 100 },
    { from: 2, to: 3, way: 1, durationMs: 3000, distanceM: 100 },
    { from: 3, to: 0, way: 1, durationMs: 3000, distanceM: 100 },
    { from: 3, to: 2, way: 1, durationMs: 3000, distanceM: 100 },
  ];
  return buildFixtureGraph(nodes, ways, edges);
}

describe(DijkstraSearch.name, () => {
  it("finds the fastest path with its time, length, nodes and edges", () => {
    const graph = squareGraph();
    const path = new DijkstraSearch(graph).shortestPath(0, 2);
    expect(path).toMatchObject({ durationMs: 2000, distanceM: 200, nodes: [0, 1, 2] });
    expect(path?.edges.map((e) => graph.edgeTarget[e])).toEqual([1, 2]);
  });

  it("respects one-way edges on the way back", () => {
    expect(new DijkstraSearch(squareGraph()).shortestPath(2, 0)).toMatchObject({
      durationMs: 6000,
      nodes: [2, 3, 0],
    });
  });

  it("returns null for an unreachable node and an empty path for the source itself", () => {
    const search = new DijkstraSearch(squareGraph());
    expect(search.shortestPath(0, 4)).toBeNull();
    expect(search.shortestPath(1, 1)).toMatchObject({ durationMs: 0, nodes: [1], edges: [] });
  });

  it("routes on overridden weights and treats Infinity as closed", () => {
    const search = new DijkstraSearch(squareGraph());
    const closed = [Number.POSITIVE_INFINITY, 3000, 1000, 3000, 3000, 3000];
    expect(search.shortestPath(0, 2, closed)).toMatchObject({ durationMs: 6000, nodes: [0, 3, 2] });
  });

  it("breaks ties in time by the shorter distance", () => {
    const graph = squareGraph();
    const tied = Float64Array.from([3000, 3000, 3000, 3000, 3000, 3000]);
    const longFast = { ...graph, edgeDistanceM: Float32Array.from([50, 100, 50, 100, 100, 100]) };
    expect(new DijkstraSearch(longFast).shortestPath(0, 2, tied)).toMatchObject({
      distanceM: 100,
      nodes: [0, 1, 2],
    });
  });

  it("searches one-to-all from several seeds with their offsets", () => {
    const search = new DijkstraSearch(squareGraph());
    search.searchAll([
      { node: 1, durationMs: 500, distanceM: 50 },
      { node: 3, durationMs: 0, distanceM: 0 },
    ]);
    expect([0, 1, 2, 3].map((v) => search.durationTo(v))).toEqual([3000, 500, 1500, 0]);
    expect(search.durationTo(4)).toBe(Number.POSITIVE_INFINITY);
  });
});
