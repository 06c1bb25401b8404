import { describe, expect, it } from "vitest";
import { customizeHierarchy } from "./ch-customize";
import { buildContractionHierarchy } from "./ch-preprocess";
import { createRandom, randomGraph } from "./graph-fixtures";
import { computeMatrixByDijkstra, HierarchyMatrix, type MatrixEndpoint } from "./matrix";

const graph = randomGraph({ nodeCount: 2500, seed: 21 });
const ch = buildContractionHierarchy(graph);
const metric = customizeHierarchy(ch, graph, graph.edgeDurationMs);

/** `count` endpoints: mostly single nodes, some two-seed edge positions, one not routable. */
function endpoints(count: number, seed: number): MatrixEndpoint[] {
  const random = createRandom(seed);
  const node = () => Math.floor(random() * graph.nodeCount);
  return Array.from({ length: count }, (_, i) => {
    if (i === 3) return [];
    if (i % 5 === 0) {
      return [
        { node: node(), durationMs: Math.floor(random() * 3000), distanceM: random() * 40 },
        { node: node(), durationMs: Math.floor(random() * 3000), distanceM: random() * 40 },
      ];
    }
    return [{ node: node(), durationMs: 0, distanceM: 0 }];
  });
}

describe(HierarchyMatrix.name, () => {
  it("equals one Dijkstra per source on every cell, unreachable cells included", () => {
    const sources = endpoints(60, 1);
    const targets = endpoints(70, 2);
    const actual = new HierarchyMatrix(ch, metric).compute(sources, targets);
    const expected = computeMatrixByDijkstra(graph, sources, targets);
    expect(Array.from(actual.durationsMs)).toEqual(Array.from(expected.durationsMs));
    actual.distancesM.forEach((d, k) => {
      expect(Math.abs(d - expected.distancesM[k]!) < 1e-6 || d === expected.distancesM[k]).toBe(true);
    });
    expect(actual.durationsMs.some((t) => t === Number.POSITIVE_INFINITY)).toBe(true);
  });

  it("has zero on the diagonal of a square matrix of nodes", () => {
    const points = endpoints(20, 3).map((e) =>
      e.slice(0, 1).map((s) => ({ ...s, durationMs: 0, distanceM: 0 })),
    );
    const m = new HierarchyMatrix(ch, metric).compute(points, points);
    points.forEach((p, i) => {
      if (p.length > 0) expect(m.durationsMs[i * points.length + i]).toBe(0);
    });
  });

  it("gives the same answer when reused, with or without a new metric", () => {
    const matrix = new HierarchyMatrix(ch, metric);
    const sources = endpoints(15, 4);
    const first = Array.from(matrix.compute(sources, sources).durationsMs);
    const slower = customizeHierarchy(
      ch,
      graph,
      Float64Array.from(graph.edgeDurationMs, (t) => t * 2),
    );
    matrix.setMetric(slower);
    const doubled = Array.from(matrix.compute(sources, sources).durationsMs);
    expect(doubled).toEqual(
      Array.from(
        computeMatrixByDijkstra(
          graph,
          sources,
          sources,
          Float64Array.from(graph.edgeDurationMs, (t) => t * 2),
        ).durationsMs,
      ),
    );
    matrix.setMetric(metric);
    expect(Array.from(matrix.compute(sources, sources).durationsMs)).toEqual(first);
  });
});
