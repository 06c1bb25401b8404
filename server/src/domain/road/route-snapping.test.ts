import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { buildFixtureGraph, type FixtureEdge, type FixtureNode } from "./graph-fixtures";
import { METERS_PER_DEGREE } from "./route-geo";
import { PointSnapper } from "./route-snapping";
import { SnapIndex, tailsOf } from "./snap";
import { findStrongComponents } from "./snap-components";

const dLat = (m: number) => m / METERS_PER_DEGREE;
const dLng = (m: number) => m / (METERS_PER_DEGREE * Math.cos((43.73 * Math.PI) / 180));

/**
 * A two-way street 0-1-2 (the main network, 200 m), a one-way spur 2→3 (a trap), and an
 * island 4-5 (a car park lane) 30 m north of the street, not connected to it.
 */
function network() {
  const at = (xM: number, yM: number): FixtureNode => ({ lng: 7.42 + dLng(xM), lat: 43.73 + dLat(yM) });
  const nodes = [at(0, 0), at(100, 0), at(200, 0), at(200, -100), at(40, 30), at(160, 30)];
  const ways = [
    { name: "Main Street", roadClass: "secondary" as const },
    { name: "Trap Lane", roadClass: "service" as const },
    { name: "Car Park", roadClass: "service" as const },
  ];
  const both = (from: number, to: number, way: number): FixtureEdge[] => [
    { from, to, way },
    { from: to, to: from, way },
  ];
  const edges = [...both(0, 1, 0), ...both(1, 2, 0), { from: 2, to: 3, way: 1 }, ...both(4, 5, 2)];
  const graph = buildFixtureGraph(nodes, ways, edges);
  const snapper = new PointSnapper(graph, new SnapIndex(graph), 1_000, graph.edgeDurationMs);
  const point = (xM: number, yM: number): LngLat => [at(xM, yM).lng, at(xM, yM).lat];
  return { graph, snapper, point };
}

describe(findStrongComponents.name, () => {
  it("puts the two-way street in the largest component and the trap and the island apart", () => {
    const { graph } = network();
    const { componentOf, largest } = findStrongComponents(graph, graph.edgeDurationMs);
    expect([0, 1, 2].map((v) => componentOf[v])).toEqual([largest, largest, largest]);
    expect(componentOf[3]).not.toBe(largest);
    expect(componentOf[4]).toBe(componentOf[5]);
    expect(componentOf[4]).not.toBe(largest);
  });

  it("splits the street where an edge is closed in both directions", () => {
    const { graph } = network();
    const tails = tailsOf(graph);
    const joinsOneAndTwo = (e: number) => [tails[e], graph.edgeTarget[e]].sort().join() === "1,2";
    const weights = Float64Array.from(graph.edgeDurationMs, (ms, e) => (joinsOneAndTwo(e) ? Infinity : ms));
    const { componentOf } = findStrongComponents(graph, weights);
    expect(componentOf[0]).toBe(componentOf[1]);
    expect(componentOf[1]).not.toBe(componentOf[2]);
  });
});

describe(PointSnapper.name, () => {
  it("moves a point off a small island onto the main network when the request spans both", () => {
    const { graph, snapper, point } = network();
    const [a, b] = snapper.snapAll([point(100, 25), point(50, -3)]);
    if (!a || !b || "error" in a || "error" in b) throw new Error("expected both points to snap");
    expect(graph.wayName[graph.edgeWay[a.snapped.edge]!]).toBe("Main Street");
    expect(a.snapped.distanceM).toBeCloseTo(25, 0);
  });

  it("leaves points alone when they all lie on the same island", () => {
    const { graph, snapper, point } = network();
    const snapped = snapper.snapAll([point(60, 27), point(140, 33)]);
    for (const s of snapped) {
      if ("error" in s) throw new Error(s.error.reason);
      expect(graph.wayName[graph.edgeWay[s.snapped.edge]!]).toBe("Car Park");
    }
  });

  it("names the point it cannot place, with the caller's label", () => {
    const { snapper, point } = network();
    const far = point(0, 5_000);
    expect(
      snapper.snapAll([point(50, 0), far], undefined, (i) => ({ label: "target", index: i }))[1],
    ).toEqual({
      error: { error: "point_not_routable", pointIndex: 1, reason: "no open road within 1000 m of target 1" },
    });
    expect(snapper.snapAll([[181, 0]])[0]).toMatchObject({
      error: { reason: "point 0 is not a valid [lng, lat]" },
    });
  });
});
