import { createSeededRandom } from "@waybill/telematics/simulator/seeded-random";
import { describe, expect, it } from "vitest";
import { distanceM } from "../road/route-geo";
import { TraceBuilder, townPoint, townRoute } from "./__fixtures__/simulated-trace";
import { type LocateHint, RouteLine } from "./route-line";

/** Nearest distance from a point to a line by checking every segment on a fine resampling (slow, obvious). */
function bruteForceDistanceM(line: RouteLine, lat: number, lng: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let m = 0; m <= line.lengthM; m += 0.5) {
    const [x, y] = line.pointAt(m);
    best = Math.min(best, distanceM(lng, lat, x, y));
  }
  return best;
}

/** Metres of the line that lie on a later part of it (a street driven out and back). */
function metresDrivenTwice(line: RouteLine): number {
  let twiceM = 0;
  for (let a = 0; a < line.lengthM; a += 10) {
    const [x, y] = line.pointAt(a);
    for (let b = a + 200; b < line.lengthM; b += 10) {
      const [u, v] = line.pointAt(b);
      if (distanceM(x, y, u, v) < 5) {
        twiceM += 10;
        break;
      }
    }
  }
  return twiceM;
}

describe(RouteLine.name, () => {
  // Out to the second stop and back along the same street for about 850 m, then on.
  const route = townRoute([townPoint(-805, -556), townPoint(322, 334), townPoint(644, -667)]);
  const line = new RouteLine(route.geometry.coordinates);

  it("measures along and off the line like an exhaustive search, from the grid or from a far point", () => {
    const random = createSeededRandom(11);
    for (let i = 0; i < 200; i++) {
      const [lng, lat] = townPoint(random.between(-1500, 1500), random.between(-1500, 1500));
      const located = line.locate(lat, lng);
      expect(located.distanceM).toBeCloseTo(bruteForceDistanceM(line, lat, lng), 0);
      const [px, py] = line.pointAt(located.alongM);
      expect(distanceM(lng, lat, px, py)).toBeCloseTo(located.distanceM, 0);
    }
  });

  it("keeps a vehicle on the pass it is driving where the route runs the same street twice", () => {
    expect(metresDrivenTwice(line)).toBeGreaterThan(500);
    const trace = new TraceBuilder(route.geometry.coordinates, 3).drive(0, line.lengthM, 40);
    let hint: LocateHint | null = null;
    let previousM = 0;
    let backwardsM = 0;
    let farthestM = 0;
    for (const fix of trace.fixes) {
      const at = line.locate(fix.lat, fix.lng, hint);
      hint = { lat: fix.lat, lng: fix.lng, segment: at.segment, alongM: at.alongM };
      backwardsM = Math.max(backwardsM, previousM - at.alongM);
      previousM = at.alongM;
      farthestM = Math.max(farthestM, at.distanceM);
    }
    expect(backwardsM).toBeLessThan(10);
    expect(farthestM).toBeLessThan(25);
    expect(previousM).toBeGreaterThan(line.lengthM - 60); // the last fix is one 5 s step before the end
  });

  it("gives the point at a distance along, clamped to the ends", () => {
    const coordinates = route.geometry.coordinates;
    expect(line.pointAt(-5)).toEqual([
      expect.closeTo(coordinates[0]![0], 9),
      expect.closeTo(coordinates[0]![1], 9),
    ]);
    const last = coordinates.at(-1)!;
    expect(line.pointAt(line.lengthM + 100)).toEqual([
      expect.closeTo(last[0], 9),
      expect.closeTo(last[1], 9),
    ]);
  });

  it("refuses a line of one point", () => {
    expect(() => new RouteLine([[7.42, 43.73]])).toThrow("a route line needs 2 points, got 1");
  });
});
