import { describe, expect, it } from "vitest";
import { splitTrips, type TripPoint } from "./trips";

const M = 1 / 111_320;
const at = (seconds: number, northM: number, speedKmh = 0): TripPoint => ({
  fixAt: seconds * 1000,
  lat: 43.7 + northM * M,
  lng: 7.4,
  speedKmh,
});

describe("splitTrips", () => {
  it("cuts a day into stays and the trips between them, ignoring drift and short halts", () => {
    const points = [
      ...Array.from({ length: 40 }, (_, i) => at(i * 10, (i % 3) * 5)), // parked 390 s with drift
      ...Array.from({ length: 30 }, (_, i) => at(400 + i * 10, 100 + i * 100, 36)), // drive 3 km
      at(700, 3000), // a 60 s halt at a light: no stay
      at(760, 3000),
      ...Array.from({ length: 10 }, (_, i) => at(770 + i * 10, 3100 + i * 100, 36)),
      ...Array.from({ length: 30 }, (_, i) => at(870 + i * 10, 4000 + (i % 2) * 4)), // parked 290 s
    ];
    const { trips, stays } = splitTrips(points);
    expect(stays.map((s) => [s.startAt / 1000, s.endAt / 1000])).toEqual([
      [0, 390],
      [860, 1160],
    ]);
    expect(trips).toHaveLength(1);
    expect([trips[0]?.startAt, trips[0]?.endAt]).toEqual([390_000, 860_000]);
    expect(trips[0]?.distanceM).toBeGreaterThan(3900);
    expect(trips[0]?.distanceM).toBeLessThan(4100);
  });

  it("is one trip when the vehicle never stays, and nothing for no positions", () => {
    const driving = Array.from({ length: 20 }, (_, i) => at(i * 10, i * 100, 36));
    expect(splitTrips(driving).trips).toHaveLength(1);
    expect(splitTrips(driving).stays).toEqual([]);
    expect(splitTrips([])).toEqual({ trips: [], stays: [] });
  });
});
