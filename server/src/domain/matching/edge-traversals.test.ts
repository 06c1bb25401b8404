import { describe, expect, it } from "vitest";
import { buildFixtureGraph } from "../road/graph-fixtures";
import { EdgeTraversals } from "./edge-traversals";
import type { MatchedFix } from "./match-types";

/** A straight street 0 → 1 → 2 → 3 → 4 of four 100 m segments (edges 0..3). */
const graph = buildFixtureGraph(
  Array.from({ length: 5 }, (_, i) => ({ lng: 7.42 + i * 0.00124, lat: 43.73 })),
  [{ name: "Quay", roadClass: "residential" }],
  Array.from({ length: 4 }, (_, i) => ({ from: i, to: i + 1, way: 0, distanceM: 100 })),
);

/** A final fix at second `s` on `edge`, `offsetM` along it, reached by `path`. */
const fix = (s: number, edge: number, offsetM: number, path: number[] | null): MatchedFix => ({
  fix: { lng: 0, lat: 0, fixAt: s * 1000 },
  point: { edge, offsetM, lngLat: [0, 0], distanceM: 0 },
  path,
});

describe(EdgeTraversals.name, () => {
  it("times each node passed by distance between the fixes and reports edges driven end to end", () => {
    const traversals = new EdgeTraversals(graph, 60_000);
    expect(traversals.take(fix(0, 0, 50, null))).toEqual([]);
    // 50 m to node 1 of 100 m driven in 10 s: node 1 at 5 s. Edge 0 was not entered at its tail.
    expect(traversals.take(fix(10, 1, 50, [0, 1]))).toEqual([]);
    // Node 2 at 15 s: edge 1 driven from 5 s to 15 s.
    expect(traversals.take(fix(20, 2, 50, [1, 2]))).toEqual([{ edge: 1, enterAt: 5_000, leaveAt: 15_000 }]);
    // Along edge 2, then standing: nothing passed.
    expect(traversals.take(fix(40, 2, 60, [2]))).toEqual([]);
    expect(traversals.take(fix(45, 2, 60, []))).toEqual([]);
    // 40 m to node 3 of 60 m in 10 s: node 3 at 45 + 6.67 s.
    const [left] = traversals.take(fix(55, 3, 20, [2, 3]));
    expect(left?.edge).toBe(2);
    expect(left?.enterAt).toBe(15_000);
    expect(left?.leaveAt).toBeCloseTo(45_000 + 10_000 * (40 / 60), 6);
  });

  it("reports several edges passed between two sparse fixes", () => {
    const traversals = new EdgeTraversals(graph, 60_000);
    traversals.take(fix(0, 0, 0, null));
    // 400 m in 40 s: nodes 1, 2 and 3 at 10, 20 and 30 s (edge 0 is the chain's first: not timed).
    expect(traversals.take(fix(40, 3, 100, [0, 1, 2, 3]))).toEqual([
      { edge: 1, enterAt: 10_000, leaveAt: 20_000 },
      { edge: 2, enterAt: 20_000, leaveAt: 30_000 },
    ]);
  });

  it("reports nothing across a break, and starts again after it", () => {
    const traversals = new EdgeTraversals(graph, 60_000);
    traversals.take(fix(0, 0, 0, null));
    traversals.take(fix(10, 1, 0, [0, 1]));
    // No plausible route: the path breaks, edge 1 is not known to be driven.
    expect(traversals.take(fix(20, 2, 50, null))).toEqual([]);
    expect(traversals.take(fix(30, 3, 50, [2, 3]))).toEqual([]);
    expect(traversals.take(fix(40, 3, 100, [3]))).toEqual([]);
  });

  it("does not time a path joining fixes further apart than the longest interval", () => {
    const traversals = new EdgeTraversals(graph, 60_000);
    traversals.take(fix(0, 0, 50, null));
    traversals.take(fix(10, 1, 50, [0, 1]));
    // The matcher joined a 10-minute silence by the shortest route: no speed in that.
    expect(traversals.take(fix(610, 3, 50, [1, 2, 3]))).toEqual([]);
  });
});
