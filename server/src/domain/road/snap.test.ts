import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { gridGraph } from "./graph-fixtures";
import { bearingDeg, METERS_PER_DEGREE } from "./route-geo";
import { SnapIndex } from "./snap";

// 5 × 5 grid, 100 m spacing; row 1 is one-way westbound, row 4 one-way eastbound.
const graph = gridGraph(5, 5);
const index = new SnapIndex(graph);
const cols = 5;

/** The point `northM` metres north of the middle between nodes (row, col) and (row, col + 1). */
function between(row: number, col: number, northM: number): LngLat {
  const a = row * cols + col;
  const lng = (graph.nodeLng[a]! + graph.nodeLng[a + 1]!) / 2;
  return [lng, graph.nodeLat[a]! + northM / METERS_PER_DEGREE];
}

const rowOf = (edge: number) => graph.wayName[graph.edgeWay[edge]!];
const bearingOf = (edge: number) => {
  const u = index.edgeSource[edge]!;
  const v = graph.edgeTarget[edge]!;
  return bearingDeg(graph.nodeLng[u]!, graph.nodeLat[u]!, graph.nodeLng[v]!, graph.nodeLat[v]!);
};

describe(SnapIndex.name, () => {
  it("snaps to the nearest street with the distance, the projected point and the fraction", () => {
    const snapped = index.snap(between(0, 1, 10))!;
    expect(rowOf(snapped.edge)).toBe("Row 0 Street");
    expect(snapped.distanceM).toBeCloseTo(10, 1);
    expect(snapped.fraction).toBeCloseTo(0.5, 2);
    expect(snapped.point[1]).toBeCloseTo(graph.nodeLat[1]!, 7);
    expect(snapped.reverseEdge).toBeGreaterThanOrEqual(0);
  });

  it("keeps only the direction matching a heading within 60°", () => {
    const west = index.snap(between(0, 1, 10), { headingDeg: 280 })!;
    expect(bearingOf(west.edge)).toBeCloseTo(270, 0);
    expect(west.reverseEdge).toBe(-1);
    expect(west.fraction).toBeCloseTo(0.5, 2);
    const east = index.snap(between(0, 1, 10), { headingDeg: 45 })!;
    expect(bearingOf(east.edge)).toBeCloseTo(90, 0);
  });

  it("never snaps against a one-way street's direction", () => {
    const any = index.snap(between(1, 2, 5))!;
    expect(rowOf(any.edge)).toBe("Row 1 Street");
    expect(bearingOf(any.edge)).toBeCloseTo(270, 0);
    expect(any.reverseEdge).toBe(-1);
    const eastbound = index.snap(between(1, 2, 5), { headingDeg: 90 })!;
    expect(rowOf(eastbound.edge)).not.toBe("Row 1 Street");
    expect(bearingOf(eastbound.edge)).toBeCloseTo(90, 0);
  });

  it("returns null beyond the maximum snap distance", () => {
    const far = between(2, 1, 3_000);
    expect(index.snap(far)).toBeNull();
    expect(index.snap(far, { maxDistanceM: 5_000 })?.distanceM).toBeGreaterThan(2_500);
  });

  it("skips edges the caller marks unusable (closed)", () => {
    const nearest = index.snap(between(0, 1, 10))!;
    const closed = new Set([nearest.edge, nearest.reverseEdge]);
    const other = index.snap(between(0, 1, 10), { isEdgeUsable: (e) => !closed.has(e) })!;
    expect(closed.has(other.edge)).toBe(false);
    expect(other.distanceM).toBeGreaterThan(10);
  });
});
