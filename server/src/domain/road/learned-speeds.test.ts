import { describe, expect, it } from "vitest";
import { buildFixtureGraph } from "./graph-fixtures";
import {
  collectSpeedSamples,
  edgesByOsmNodes,
  learnedSpeedFactors,
  type SpeedSample,
  traversalSpeedKmh,
} from "./learned-speeds";

/**
 * 0 → 1 → 2 → 3 along a street, and node 4: node 1 split for a turn restriction (same OSM id
 * 1001), so 0 → 4 is the same segment as 0 → 1. Free flow: 100 m in 10 s (36 km/h) into node 1,
 * a 10 m stub 1 → 2, then 200 m in 12 s (60 km/h).
 */
const graph = buildFixtureGraph(
  [
    { lng: 7.42, lat: 43.73, osmId: 1000 },
    { lng: 7.421, lat: 43.73, osmId: 1001 },
    { lng: 7.4211, lat: 43.73, osmId: 1002 },
    { lng: 7.4236, lat: 43.73, osmId: 1003 },
    { lng: 7.421, lat: 43.73, osmId: 1001 },
  ],
  [{ name: "High Street", roadClass: "secondary" }],
  [
    { from: 0, to: 1, way: 0, distanceM: 100, durationMs: 10_000 },
    { from: 0, to: 4, way: 0, distanceM: 100, durationMs: 10_000 },
    { from: 1, to: 2, way: 0, distanceM: 10, durationMs: 1_000 },
    { from: 2, to: 3, way: 0, distanceM: 200, durationMs: 12_000 },
  ],
);
const tails = Uint32Array.from([0, 0, 1, 2]);
const EDGE_01 = 0;
const STUB = 2;
const EDGE_23 = 3;
const at = (iso: string) => Date.parse(`2026-12-01T${iso}Z`);

describe(traversalSpeedKmh.name, () => {
  it("is the segment's length over the time between its nodes", () => {
    // 100 m in 20 s = 5 m/s = 18 km/h.
    expect(traversalSpeedKmh(graph, { edge: EDGE_01, enterAt: 0, leaveAt: 20_000 })).toBeCloseTo(18, 9);
  });

  it("skips segments too short to time and traversals with a stop in them", () => {
    expect(traversalSpeedKmh(graph, { edge: STUB, enterAt: 0, leaveAt: 2_000 })).toBeNull();
    // 100 m in 300 s = 1.2 km/h, below 15 % of 36 km/h (5.4 km/h): the van stopped on the way.
    expect(traversalSpeedKmh(graph, { edge: EDGE_01, enterAt: 0, leaveAt: 300_000 })).toBeNull();
    expect(traversalSpeedKmh(graph, { edge: EDGE_01, enterAt: 5_000, leaveAt: 5_000 })).toBeNull();
  });

  it("clamps speeding to 1.2 × free flow", () => {
    // 100 m in 5 s = 72 km/h; free flow 36 km/h, so at most 43.2 km/h.
    expect(traversalSpeedKmh(graph, { edge: EDGE_01, enterAt: 0, leaveAt: 5_000 })).toBeCloseTo(43.2, 9);
  });
});

describe(collectSpeedSamples.name, () => {
  it("merges useful traversals per OSM segment and UTC hour of their middle", () => {
    const samples = collectSpeedSamples(graph, tails, [
      { edge: EDGE_01, enterAt: at("08:10:00"), leaveAt: at("08:10:20") }, // 18 km/h
      { edge: EDGE_01, enterAt: at("08:20:00"), leaveAt: at("08:20:15") }, // 24 km/h
      { edge: EDGE_01, enterAt: at("08:59:50"), leaveAt: at("09:00:20") }, // 12 km/h, middle 09:00:05
      { edge: STUB, enterAt: at("08:30:00"), leaveAt: at("08:30:01") }, // too short
      { edge: EDGE_23, enterAt: at("08:40:00"), leaveAt: at("08:40:24") }, // 200 m in 24 s = 30 km/h
    ]);
    expect(samples).toEqual([
      { fromOsmNodeId: 1000, toOsmNodeId: 1001, hour: 8, count: 2, sumSpeedKmh: expect.closeTo(42, 9) },
      { fromOsmNodeId: 1000, toOsmNodeId: 1001, hour: 9, count: 1, sumSpeedKmh: expect.closeTo(12, 9) },
      { fromOsmNodeId: 1002, toOsmNodeId: 1003, hour: 8, count: 1, sumSpeedKmh: expect.closeTo(30, 9) },
    ]);
  });
});

describe(learnedSpeedFactors.name, () => {
  const edges = edgesByOsmNodes(graph, tails);
  const sample = (hour: number, count: number, sumSpeedKmh: number, to = 1001): SpeedSample => ({
    fromOsmNodeId: 1000,
    toOsmNodeId: to,
    hour,
    count,
    sumSpeedKmh,
  });

  it("gives every edge of a segment seen often enough its mean speed over free flow", () => {
    // Mean 54 / 3 = 18 km/h over 36 km/h free flow: 0.5, on 0 → 1 and on its split twin 0 → 4.
    expect(learnedSpeedFactors(graph, edges, [sample(8, 3, 54)], 8)).toEqual([
      { edge: 0, factor: 0.5 },
      { edge: 1, factor: 0.5 },
    ]);
  });

  it("ignores other hours, segments seen fewer than 3 times and segments the graph lacks", () => {
    expect(
      learnedSpeedFactors(graph, edges, [sample(9, 3, 54), sample(8, 2, 36), sample(8, 5, 90, 77)], 8),
    ).toEqual([]);
  });

  it("clamps factors to the range routing accepts", () => {
    // 3 traversals at 0.12 km/h on average: 0.0033 of free flow, raised to 0.01.
    expect(learnedSpeedFactors(graph, edges, [sample(8, 3, 0.36)], 8)[0]?.factor).toBe(0.01);
  });
});
