import { describe, expect, it } from "vitest";
import { driveAlong, edgesThrough } from "./__fixtures__/drive";
import { parallelRoads } from "./__fixtures__/roads";
import type { MatchedFix } from "./match-types";
import { joinMatchedFixes } from "./matched-track";
import { MatchingNetwork } from "./matching-network";
import { routeMismatchFraction } from "./route-mismatch";

const graph = parallelRoads();
const network = new MatchingNetwork(graph);
const south = edgesThrough(graph, [0, 1, 2, 3, 4, 5, 6]);

/** A match of the given edges from the tail of the first to `endOffsetM` along the last. */
function matchedAlong(edges: readonly number[], endOffsetM: number) {
  const first = edges[0]!;
  const last = edges[edges.length - 1]!;
  const [fix] = driveAlong(graph, [first], { speedMps: 1, intervalS: 1 });
  const fixes: MatchedFix[] = [
    { fix: fix!, point: { edge: first, offsetM: 0, lngLat: [0, 0], distanceM: 0 }, path: null },
    { fix: fix!, point: { edge: last, offsetM: endOffsetM, lngLat: [0, 0], distanceM: 0 }, path: [...edges] },
  ];
  return joinMatchedFixes(network, fixes);
}

describe(routeMismatchFraction.name, () => {
  it("is 0 for the driven path itself", () => {
    expect(routeMismatchFraction(graph, south, matchedAlong(south, 100))).toBeCloseTo(0, 6);
  });

  it("counts the part of the last edge not reached as missed", () => {
    expect(routeMismatchFraction(graph, south, matchedAlong(south, 40))).toBeCloseTo(60 / 600, 3);
  });

  it("counts a detour by both what it added and what it missed", () => {
    // South Street to node 5, then up Middle Cross and along North Street instead of on to node 6.
    const detour = edgesThrough(graph, [0, 1, 2, 3, 4, 5, 16, 17]);
    expect(routeMismatchFraction(graph, south, matchedAlong(detour, 100))).toBeCloseTo((140 + 100) / 600, 3);
  });
});
