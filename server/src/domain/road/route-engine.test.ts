import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "./dijkstra";
import { createRandom, gridGraph, randomGraph } from "./graph-fixtures";
import type { RoadGraph } from "./road-graph";
import { RouteEngine, type RouteError } from "./route-engine";
import { sameEdgeLeg, sourceSeeds, targetSeeds } from "./route-leg";
import type { RouteResult } from "./route-response";
import type { SnapOutcome } from "./route-snapping";
import { tailsOf } from "./snap";

const graph = randomGraph({ nodeCount: 2000, seed: 3 });
const engine = new RouteEngine(graph);
const tails = tailsOf(graph);

/** Random points up to ~40 m from random nodes (so on either island, sometimes on a dead end). */
function randomPoints(g: RoadGraph, count: number, seed: number): LngLat[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const v = Math.floor(random() * g.nodeCount);
    return [g.nodeLng[v]! + (random() - 0.5) * 0.001, g.nodeLat[v]! + (random() - 0.5) * 0.0007];
  });
}

/** Oracle travel time (ms) between two snapped points: Dijkstra from the start's seeds, or along a shared edge. */
function oracleMs(e: RouteEngine, a: SnapOutcome | undefined, b: SnapOutcome | undefined): number | null {
  if (!a || !b || "error" in a || "error" in b) return null;
  const [from, to] = [a.snapped, b.snapped];
  const w = e.edgeWeights;
  const search = new DijkstraSearch(e.graph);
  search.searchAll(sourceSeeds(e.graph, tails, from, w), w);
  let best = sameEdgeLeg(e.graph, tails, from, to, w)?.durationMs ?? Number.POSITIVE_INFINITY;
  for (const s of targetSeeds(e.graph, tails, to, w))
    best = Math.min(best, search.durationTo(s.node) + s.durationMs);
  return Number.isFinite(best) ? best : null;
}

const isError = (r: RouteResult | RouteError): r is RouteError => "error" in r;

describe(RouteEngine.name, () => {
  it("routes between snapped points in exactly the oracle's time, steps adding up to the total", () => {
    const points = randomPoints(graph, 400, 1);
    let routed = 0;
    for (let i = 0; i + 1 < points.length; i += 2) {
      const result = engine.route([points[i]!, points[i + 1]!]);
      const [a, b] = engine.snapPoints([points[i]!, points[i + 1]!]);
      const expected = oracleMs(engine, a, b);
      if (isError(result)) {
        expect(expected).toBeNull();
        continue;
      }
      routed++;
      expect(Math.round(result.durationS * 1000)).toBe(expected);
      const stepMs = result.steps.reduce((s, step) => s + step.durationS * 1000, 0);
      expect(stepMs).toBeCloseTo(result.durationS * 1000, 0);
      expect(result.steps.reduce((s, step) => s + step.distanceM, 0)).toBeCloseTo(result.distanceM, -1);
      expect(result.geometry.coordinates[0]).toEqual(result.steps[0]!.location);
    }
    expect(routed).toBeGreaterThan(30);
  });

  it("names the point that is off the network", () => {
    const [a] = randomPoints(graph, 1, 2);
    const result = engine.route([a!, [a![0] + 1, a![1]]]);
    expect(result).toEqual({
      error: "point_not_routable",
      pointIndex: 1,
      reason: "no open road within 1000 m of point 1",
    });
    expect(engine.route([[200, 0], a!])).toMatchObject({ error: "point_not_routable", pointIndex: 0 });
  });

  it("reports no_route with the leg's first point between islands", () => {
    // randomGraph puts node i on island i % 2; pick two connected nodes of island 0.
    const at = (v: number): LngLat => [graph.nodeLng[v]!, graph.nodeLat[v]!];
    const search = new DijkstraSearch(graph);
    search.searchAll([{ node: 0, durationMs: 0, distanceM: 0 }]);
    const b = [...Array(graph.nodeCount).keys()].find(
      (v) => v % 2 === 0 && v > 0 && search.durationTo(v) < 1e9,
    )!;
    const result = engine.route([at(0), at(b), at(1)]);
    expect(result).toMatchObject({
      error: "no_route",
      pointIndex: 1,
      reason: "no route from point 1 to point 2",
    });
  });

  it("concatenates legs through intermediate points", () => {
    const grid = new RouteEngine(gridGraph(6, 6));
    const at = (v: number): LngLat => [grid.graph.nodeLng[v]!, grid.graph.nodeLat[v]!];
    const result = grid.route([at(0), at(35), at(5)]);
    if (isError(result)) throw new Error(result.reason);
    expect(result.legs).toHaveLength(2);
    expect(result.durationS).toBeCloseTo(result.legs[0]!.durationS + result.legs[1]!.durationS, 3);
    expect(result.steps.filter((s) => s.type === "arrive").map((s) => s.instruction)).toEqual([
      "You have arrived at waypoint 1",
      "You have arrived at your destination",
    ]);
    expect(result.osmNodeIds[0]).toBe(grid.graph.nodeOsmId[0]);
    expect(result.osmNodeIds.at(-1)).toBe(grid.graph.nodeOsmId[5]);
  });

  it("computes matrices equal to the point-to-point routes, null where unreachable", () => {
    const points = randomPoints(graph, 24, 3);
    const m = engine.matrix(points, points);
    const snapped = engine.snapPoints(points);
    snapped.forEach((a, i) => {
      snapped.forEach((b, j) => {
        const expected = oracleMs(engine, a, b);
        expect(m.durationsS[i]![j] === null ? null : Math.round(m.durationsS[i]![j]! * 1000)).toBe(expected);
      });
    });
    expect(m.durationsS.flat()).toContain(null);
  });

  it("marks unroutable matrix points and leaves their row null", () => {
    const [a, b] = randomPoints(graph, 2, 4);
    const m = engine.matrix([[a![0] + 1, a![1]], a!], [b!]);
    expect(m.sources[0]).toEqual({
      error: "point_not_routable",
      reason: "no open road within 1000 m of source 0",
    });
    expect(m.durationsS[0]).toEqual([null]);
    expect(m.distancesM[0]).toEqual([null]);
  });

  it("reroutes after a closure and matches the oracle on the new weights", () => {
    const local = new RouteEngine(graph, { hierarchy: engine.hierarchy });
    const points = randomPoints(graph, 200, 5);
    let changed = 0;
    for (let i = 0; i + 1 < points.length; i += 2) {
      const before = local.route([points[i]!, points[i + 1]!]);
      if (isError(before) || before.osmNodeIds.length < 4) continue;
      const mid = Math.floor(before.osmNodeIds.length / 2);
      const [u, v] = [before.osmNodeIds[mid]! - 1000, before.osmNodeIds[mid + 1]! - 1000];
      const closed = [...Array(graph.edgeCount).keys()].filter(
        (e) => tails[e] === u && graph.edgeTarget[e] === v,
      );
      local.applyTraffic({ close: closed });
      const after = local.route([points[i]!, points[i + 1]!]);
      const [a, b] = local.snapPoints([points[i]!, points[i + 1]!]);
      const expected = oracleMs(local, a, b);
      expect(isError(after) ? null : Math.round(after.durationS * 1000)).toBe(expected);
      if (!isError(after)) expect(after.durationS).toBeGreaterThanOrEqual(before.durationS);
      changed++;
      local.applyTraffic({ reset: true });
    }
    expect(changed).toBeGreaterThan(8);
  });

  it("uses the hour-of-day profile the caller selects", () => {
    const grid = new RouteEngine(gridGraph(4, 4));
    const at = (v: number): LngLat => [grid.graph.nodeLng[v]!, grid.graph.nodeLat[v]!];
    const free = grid.route([at(0), at(15)]) as RouteResult;
    const slow = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.5 : 1));
    grid.applyTraffic({ hourlyProfile: { residential: slow, primary: slow } }, 8);
    expect((grid.route([at(0), at(15)]) as RouteResult).durationS).toBeCloseTo(free.durationS * 2, 1);
    grid.applyTraffic({}, 9);
    expect((grid.route([at(0), at(15)]) as RouteResult).durationS).toBe(free.durationS);
  });
});
