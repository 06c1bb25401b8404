import { describe, expect, it } from "vitest";
import { gridGraph } from "../road/graph-fixtures";
import { traversalSpeedKmh } from "../road/learned-speeds";
import { FleetMatcher, type VehicleFix } from "./fleet-matcher";
import { MatchingNetwork } from "./matching-network";

/** A 3 × 10 grid of 100 m blocks; row 0 is a two-way residential street (30 km/h free flow). */
const graph = gridGraph(3, 10);
const network = new MatchingNetwork(graph);
const T0 = Date.parse("2026-12-01T08:00:00Z");

/** A vehicle driving row 0 west to east at `mps`, a fix every 2 s, exactly on the road. */
function driveRow(vehicleId: string, mps: number, startAt = T0): VehicleFix[] {
  const west = graph.nodeLng[0]!;
  const east = graph.nodeLng[9]!;
  const seconds = 900 / mps;
  return Array.from({ length: Math.floor(seconds / 2) + 1 }, (_, i) => ({
    vehicleId,
    lng: west + ((east - west) * (i * 2)) / seconds,
    lat: graph.nodeLat[0]!,
    fixAt: startAt + i * 2_000,
  }));
}

describe(FleetMatcher.name, () => {
  it("matches each vehicle's fixes and times the blocks it drove", () => {
    const fleet = new FleetMatcher(network);
    const slow = driveRow("slow", 5);
    const fast = driveRow("fast", 8);
    const batch = fleet.match([...slow, ...fast], 0);
    // The newest fixes wait for the matcher's lag window; the rest are final and on the road.
    expect(batch.matched.filter((m) => m.vehicleId === "slow").length).toBeGreaterThan(slow.length / 2);
    expect(batch.matched.every((m) => m.point !== null)).toBe(true);
    const speeds = (traversals: typeof batch.traversals) =>
      traversals.map((t) => traversalSpeedKmh(graph, t)).filter((kmh) => kmh !== null);
    expect(speeds(batch.traversals).length).toBeGreaterThan(6);
    // 5 m/s is 18 km/h, 8 m/s 28.8 km/h: every timed block is one or the other.
    for (const kmh of speeds(batch.traversals))
      expect([18, 28.8].some((v) => Math.abs(kmh - v) < 0.5)).toBe(true);
  });

  it("puts a batch in fix order, and skips fixes older than an earlier batch's or repeated", () => {
    const fleet = new FleetMatcher(network);
    const fixes = driveRow("van", 5);
    expect(fleet.match([fixes[1]!, fixes[0]!, ...fixes.slice(2, 20)], 0).skipped).toBe(0);
    const again = fleet.match([fixes[10]!, fixes[19]!, ...fixes.slice(20)], 0);
    expect(again.skipped).toBe(2);
  });

  it("finishes and forgets a vehicle silent for too long, and bounds how many it follows", () => {
    const fleet = new FleetMatcher(network, { maxVehicles: 2, idleMs: 60_000 });
    const fixes = driveRow("van", 5);
    const first = fleet.match(fixes, 0);
    const finished = fleet.match([], 60_000);
    expect(first.matched.length + finished.matched.length).toBe(fixes.length);
    expect(fleet.size).toBe(0);
    fleet.match(
      ["a", "b", "c"].map((vehicleId, i) => ({ ...fixes[0]!, vehicleId, fixAt: T0 + i })),
      1_000,
    );
    expect(fleet.size).toBe(2);
  });
});
