import { describe, expect, it } from "vitest";
import { OffRouteDetector } from "./off-route";

/** Feeds `[seconds, metres from the route]` pairs; returns the events that are not "none". */
function run(detector: OffRouteDetector, fixes: readonly (readonly [number, number])[]) {
  return fixes.map(([t, m]) => detector.update(t * 1000, m)).filter((event) => event.type !== "none");
}

/** A fix every 5 s from `from` to `to` seconds at `metres` from the route. */
const hold = (from: number, to: number, metres: number) =>
  Array.from({ length: Math.floor((to - from) / 5) + 1 }, (_, i) => [from + i * 5, metres] as const);

describe(OffRouteDetector.name, () => {
  it("leaves once after 60 s beyond 100 m, at the time it crossed, and comes back once after 15 s within 50 m", () => {
    const events = run(new OffRouteDetector(), [
      ...hold(0, 30, 10),
      ...hold(35, 200, 180),
      ...hold(205, 300, 20),
    ]);
    expect(events).toEqual([
      { type: "left", at: 35_000, distanceM: 180 },
      { type: "returned", at: 205_000 },
    ]);
  });

  it("does not leave for a 55 s excursion nor for distances between the two radii", () => {
    const detector = new OffRouteDetector();
    expect(run(detector, [...hold(0, 55, 150), ...hold(60, 600, 90)])).toEqual([]);
    expect(detector.isOff).toBe(false);
  });

  it("stays off while the vehicle is between 50 and 100 m (hysteresis) and while it briefly comes close", () => {
    const detector = new OffRouteDetector();
    const events = run(detector, [
      ...hold(0, 120, 200),
      ...hold(125, 300, 70),
      ...hold(305, 310, 10),
      ...hold(315, 400, 70),
    ]);
    expect(events.map((e) => e.type)).toEqual(["left"]);
    expect(detector.isOff).toBe(true);
  });

  it("restarts the clock after a silence longer than the sustain time (a tunnel between two drifting fixes)", () => {
    const events = run(new OffRouteDetector(), [
      [0, 10],
      [5, 150],
      [245, 150],
      [250, 20],
    ]);
    expect(events).toEqual([]);
  });

  it("ignores fixes that are not newer than the last one (reordered or duplicated delivery)", () => {
    const detector = new OffRouteDetector();
    const fixes = hold(0, 120, 200);
    const events = run(detector, [...fixes, ...fixes.slice(0, 10).map(([t]) => [t, 0] as const), [125, 200]]);
    expect(events.map((e) => e.type)).toEqual(["left"]);
  });

  it("refuses a back radius beyond the off-route distance", () => {
    expect(() => new OffRouteDetector({ offRouteM: 100, backM: 150, sustainS: 60, backS: 15 })).toThrow(
      "backM (150) must not exceed offRouteM (100)",
    );
  });
});
