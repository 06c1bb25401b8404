import { describe, expect, it } from "vitest";
import { customizeHierarchy } from "./ch-customize";
import { buildContractionHierarchy } from "./ch-preprocess";
import { HierarchyQuery } from "./ch-query";
import { DijkstraSearch } from "./dijkstra";
import { createRandom, gridGraph, randomGraph } from "./graph-fixtures";
import { computeMatrixByDijkstra, HierarchyMatrix } from "./matrix";
import { ROAD_CLASSES } from "./road-graph";
import { computeEdgeWeights, createTrafficState, edgesOfWay, updateTrafficState } from "./traffic";

describe(computeEdgeWeights.name, () => {
  const graph = gridGraph(4, 4);

  it("returns the free-flow times for a fresh state", () => {
    expect(Array.from(computeEdgeWeights(graph, createTrafficState(graph)))).toEqual(
      Array.from(graph.edgeDurationMs),
    );
  });

  it("divides times by the speed factor, rounds to whole ms and closes edges", () => {
    const state = updateTrafficState(graph, createTrafficState(graph), {
      speedFactors: [{ edge: 0, factor: 0.5 }],
      close: [1],
    });
    const weights = computeEdgeWeights(graph, state);
    expect(weights[0]).toBe(Math.round(graph.edgeDurationMs[0]! / 0.5));
    expect(weights[1]).toBe(Number.POSITIVE_INFINITY);
    expect(weights[2]).toBe(graph.edgeDurationMs[2]);
  });

  it("applies the hour-of-day factor of the edge's road class only when an hour is given", () => {
    const rush = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));
    const state = updateTrafficState(graph, createTrafficState(graph), {
      hourlyProfile: { residential: rush },
    });
    const residential = Array.from(graph.edgeWay.keys()).find(
      (e) => ROAD_CLASSES[graph.wayClass[graph.edgeWay[e]!]!] === "residential",
    )!;
    expect(computeEdgeWeights(graph, state, 8)[residential]).toBe(
      Math.round(graph.edgeDurationMs[residential]! / 0.5),
    );
    expect(computeEdgeWeights(graph, state, 9)[residential]).toBe(graph.edgeDurationMs[residential]);
    expect(computeEdgeWeights(graph, state)[residential]).toBe(graph.edgeDurationMs[residential]);
  });

  it("lets a learned factor stand for the hour's class factor; slowdowns multiply it, closures still close", () => {
    const rush = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));
    const state = updateTrafficState(graph, createTrafficState(graph), {
      hourlyProfile: { residential: rush, primary: rush },
      learnedFactors: [
        { edge: 0, factor: 0.75 },
        { edge: 1, factor: 0.75 },
        { edge: 2, factor: 0.75 },
      ],
      speedFactors: [{ edge: 1, factor: 0.5 }],
      close: [2],
    });
    const weights = computeEdgeWeights(graph, state, 8);
    // Learned 0.75 instead of the rush-hour 0.5: it is what the fleet drove at this hour.
    expect(weights[0]).toBe(Math.round(graph.edgeDurationMs[0]! / 0.75));
    // A 0.5 slowdown on top of the learned 0.75: 0.375 of free flow.
    expect(weights[1]).toBe(Math.round(graph.edgeDurationMs[1]! / 0.375));
    expect(weights[2]).toBe(Number.POSITIVE_INFINITY);
    // Without learned speeds the class factor of the hour applies.
    expect(weights[3]).toBe(Math.round(graph.edgeDurationMs[3]! / 0.5));
    // Learned speeds also apply when the caller gives no hour (they are the caller's hour's).
    expect(computeEdgeWeights(graph, state)[0]).toBe(Math.round(graph.edgeDurationMs[0]! / 0.75));
  });

  it("keeps learned factors through a reset of closures and replaces them as a whole", () => {
    const learned = updateTrafficState(graph, createTrafficState(graph), {
      learnedFactors: [{ edge: 0, factor: 0.5 }],
    });
    const reset = updateTrafficState(graph, learned, { reset: true, close: [5] });
    expect(reset.learnedFactor[0]).toBe(0.5);
    const replaced = updateTrafficState(graph, reset, { learnedFactors: [{ edge: 1, factor: 0.75 }] });
    expect([replaced.learnedFactor[0], replaced.learnedFactor[1]]).toEqual([0, 0.75]);
    expect(() => updateTrafficState(graph, reset, { learnedFactors: [{ edge: 0, factor: 0 }] })).toThrow(
      "learned speed factor of edge 0 must lie in [0.01, 1.2], got 0",
    );
  });

  it("reopens, resets, and leaves the previous state untouched", () => {
    const closed = updateTrafficState(graph, createTrafficState(graph), { close: [3, 4] });
    const reopened = updateTrafficState(graph, closed, { reopen: [3] });
    expect([closed.closed[3], reopened.closed[3], reopened.closed[4]]).toEqual([1, 0, 1]);
    expect(updateTrafficState(graph, reopened, { reset: true }).closed.every((c) => c === 0)).toBe(true);
  });

  it("rejects factors out of range, unknown edges and bad hours with exact messages", () => {
    const state = createTrafficState(graph);
    expect(() => updateTrafficState(graph, state, { speedFactors: [{ edge: 0, factor: 1.5 }] })).toThrow(
      "speed factor of edge 0 must lie in [0.01, 1.2], got 1.5",
    );
    expect(() => updateTrafficState(graph, state, { close: [graph.edgeCount] })).toThrow(
      `edge ${graph.edgeCount} is not an edge of the graph (0..${graph.edgeCount - 1})`,
    );
    expect(() => computeEdgeWeights(graph, state, 24)).toThrow(
      "hourOfDay must be an integer in 0..23, got 24",
    );
  });

  it("finds every edge of a way", () => {
    expect(edgesOfWay(graph, graph.wayOsmId[0]!).every((e) => graph.edgeWay[e] === 0)).toBe(true);
  });
});

describe("live traffic on the hierarchy", () => {
  const graph = randomGraph({ nodeCount: 2000, seed: 8 });
  const ch = buildContractionHierarchy(graph);
  const free = customizeHierarchy(ch, graph, graph.edgeDurationMs);
  const oracle = new DijkstraSearch(graph);
  const random = createRandom(4);
  const pairs = Array.from(
    { length: 400 },
    () => [Math.floor(random() * graph.nodeCount), Math.floor(random() * graph.nodeCount)] as const,
  );

  it("reroutes around closures (slower or equal, equal to the oracle) or reports unreachable", () => {
    const query = new HierarchyQuery(ch, free);
    let rerouted = 0;
    let cut = 0;
    for (const [s, t] of pairs.slice(0, 300)) {
      const before = query.route(s, t);
      if (!before || before.edges.length === 0) continue;
      const closed = before.edges[Math.floor(before.edges.length / 2)]!;
      const weights = computeEdgeWeights(
        graph,
        updateTrafficState(graph, createTrafficState(graph), { close: [closed] }),
      );
      query.setMetric(customizeHierarchy(ch, graph, weights));
      const after = query.route(s, t);
      const expected = oracle.shortestPath(s, t, weights);
      expect(after?.durationMs ?? null).toBe(expected?.durationMs ?? null);
      if (after) {
        expect(after.edges).not.toContain(closed);
        expect(after.durationMs).toBeGreaterThanOrEqual(before.durationMs);
        rerouted++;
      } else cut++;
      query.setMetric(free);
    }
    expect(rerouted).toBeGreaterThan(10);
    expect(rerouted + cut).toBeGreaterThan(50);
  });

  it("routes and matrices equal the oracle on random speed factors and closures", () => {
    const update = {
      speedFactors: Array.from({ length: 800 }, () => ({
        edge: Math.floor(random() * graph.edgeCount),
        factor: 0.1 + random() * 1.1,
      })),
      close: Array.from({ length: 100 }, () => Math.floor(random() * graph.edgeCount)),
    };
    const weights = computeEdgeWeights(graph, updateTrafficState(graph, createTrafficState(graph), update));
    const live = customizeHierarchy(ch, graph, weights);
    const query = new HierarchyQuery(ch, live);
    for (const [s, t] of pairs) {
      expect(query.route(s, t)?.durationMs ?? null).toBe(
        oracle.shortestPath(s, t, weights)?.durationMs ?? null,
      );
    }
    const points = pairs.slice(0, 40).map(([s]) => [{ node: s, durationMs: 0, distanceM: 0 }]);
    const table = new HierarchyMatrix(ch, live).compute(points, points);
    expect(Array.from(table.durationsMs)).toEqual(
      Array.from(computeMatrixByDijkstra(graph, points, points, weights).durationsMs),
    );
  });
});
