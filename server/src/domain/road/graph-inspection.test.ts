import { describe, expect, it } from "vitest";
import { edgeSources, exitsAfter, osmEdgePairs, reachableFrom } from "./graph-inspection";
import type { RoadGraph } from "./road-graph";

/** 0 → 1 → 2 and 1 → 0, OSM ids 100 + node; node 3 (a copy of node 1, OSM id 101) → 2. */
const graph: RoadGraph = {
  nodeCount: 4,
  edgeCount: 4,
  nodeLng: new Float64Array(4),
  nodeLat: new Float64Array(4),
  nodeOsmId: new Float64Array([100, 101, 102, 101]),
  firstEdge: new Uint32Array([0, 1, 3, 3, 4]),
  edgeTarget: new Uint32Array([1, 2, 0, 2]),
  edgeDurationMs: new Uint32Array([1, 1, 1, 1]),
  edgeDistanceM: new Float32Array(4),
  edgeWay: new Uint32Array(4),
  wayOsmId: new Float64Array([7]),
  wayName: [""],
  wayClass: new Uint8Array(1),
  wayFlags: new Uint8Array(1),
};

describe(edgeSources.name, () => {
  it("gives the tail of every edge", () => {
    expect([...edgeSources(graph)]).toEqual([0, 1, 1, 3]);
  });
});

describe(osmEdgePairs.name, () => {
  it("lists each OSM step once, merging copies", () => {
    expect([...osmEdgePairs(graph)].sort()).toEqual(["100>101", "101>100", "101>102"]);
  });
});

describe(exitsAfter.name, () => {
  it("gives the exits after arriving, one set per arriving edge", () => {
    expect(exitsAfter(graph, 100, 101)).toEqual([new Set([102, 100])]);
    expect(exitsAfter(graph, 101, 102)).toEqual([new Set(), new Set()]);
    expect(exitsAfter(graph, 102, 101)).toEqual([]);
  });
});

describe(reachableFrom.name, () => {
  it("follows edges forward only", () => {
    expect(reachableFrom(graph, 0)).toEqual(new Set([0, 1, 2]));
    expect(reachableFrom(graph, 2)).toEqual(new Set([2]));
  });
});
