import { describe, expect, it } from "vitest";
import { RouteProgress } from "./route-progress";

/** A straight route east along a parallel: 0 → 1,000 m (stop a, 100 s) → 3,000 m (stop b, 300 s). */
const M_PER_DEG_LNG = 111_195 * Math.cos((43.73 * Math.PI) / 180);
const east = (m: number): [number, number] => [7.42 + m / M_PER_DEG_LNG, 43.73];
const route = new RouteProgress(
  [east(0), east(500), east(1000), east(3000)],
  [
    { distanceM: 1000, durationS: 100 },
    { distanceM: 2000, durationS: 300 },
  ],
  ["a", "b"],
);

describe(RouteProgress.name, () => {
  it("tells the distance and planned driving time left to every stop", () => {
    expect(route.remaining(250)).toEqual([
      { stopId: "a", remainingM: expect.closeTo(750, 0), remainingS: expect.closeTo(75, 1) },
      { stopId: "b", remainingM: expect.closeTo(2750, 0), remainingS: expect.closeTo(375, 1) },
    ]);
    expect(
      route.remaining(2000).map((s) => [s.stopId, Math.round(s.remainingM), Math.round(s.remainingS)]),
    ).toEqual([
      ["a", 0, 0],
      ["b", 1000, 150],
    ]);
  });

  it("spreads each leg's time over its own length (legs of different speeds)", () => {
    expect(route.plannedSAt(500)).toBeCloseTo(50, 1);
    expect(route.plannedSAt(2000)).toBeCloseTo(250, 1);
    expect(route.plannedSAt(5000)).toBe(400);
  });

  it("gives the legs ahead for the open stops when they are the tail of the route, else null", () => {
    expect(route.legsAhead(1500, ["b"])).toEqual([
      { stopId: "b", legS: expect.closeTo(225, 1), remainingM: expect.closeTo(1500, 0) },
    ]);
    expect(route.legsAhead(0, ["a", "b"])?.map((leg) => Math.round(leg.legS))).toEqual([100, 300]);
    expect(route.legsAhead(0, ["b", "a"])).toBeNull();
    expect(route.legsAhead(0, ["c"])).toBeNull();
    expect(route.covers(["a", "b"])).toBe(true);
    expect(route.covers(["a"])).toBe(false);
  });

  it("times the route piece by piece when it has pieces (a fast avenue, then a slow lane, in one leg)", () => {
    const pieced = new RouteProgress(
      [east(0), east(1000)],
      [{ distanceM: 1000, durationS: 100 }],
      ["a"],
      [
        { distanceM: 800, durationS: 40 },
        { distanceM: 200, durationS: 60 },
      ],
    );
    expect(pieced.plannedSAt(400)).toBeCloseTo(20, 1);
    expect(pieced.plannedSAt(900)).toBeCloseTo(70, 1);
    expect(pieced.remaining(400)[0]?.remainingS).toBeCloseTo(80, 1);
  });

  it("refuses legs that do not match the stops", () => {
    expect(() => new RouteProgress([east(0), east(1)], [], ["a"])).toThrow(
      "expected one leg per stop: 1 stops, 0 legs",
    );
  });
});
