import type { LngLat } from "@waybill/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLocalProjection } from "./local-projection";
import { bearingDeg, createRouteWalker } from "./route-walker";

const origin: LngLat = [7.4246, 43.7384];
const projection = createLocalProjection(origin);
/** A route given as metre offsets east/north of the origin. */
const route = (...offsetsM: [number, number][]): LngLat[] =>
  offsetsM.map((offset) => projection.toLngLat(offset));
const metersFromOrigin = (position: LngLat): [number, number] => {
  const [x, y] = projection.toMeters(position);
  return [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
};

describe(createRouteWalker.name, () => {
  const lShape = createRouteWalker(route([0, 0], [300, 0], [300, 400]));
  const square = createRouteWalker(route([0, 0], [0, 200], [200, 200], [200, 0], [0, 0]));

  it("measures an open line and a closed ring in metres", () => {
    expect(lShape.lengthM).toBeCloseTo(700, 6);
    expect(lShape.closed).toBe(false);
    expect(square.lengthM).toBeCloseTo(800, 6);
    expect(square.closed).toBe(true);
  });

  it("places a point along a segment and across a corner, with the segment's bearing", () => {
    expect(metersFromOrigin(lShape.positionAt(150).position)).toEqual([150, 0]);
    expect(lShape.positionAt(150).bearingDeg).toBe(90);
    expect(metersFromOrigin(lShape.positionAt(400).position)).toEqual([300, 100]);
    expect(lShape.positionAt(400).bearingDeg).toBe(0);
  });

  it("drives an open line back from its end with the bearing reversed (ping-pong)", () => {
    const back = lShape.positionAt(700 + 100);
    expect(metersFromOrigin(back.position)).toEqual([300, 300]);
    expect(back.bearingDeg).toBe(180);
    expect(metersFromOrigin(lShape.positionAt(1400 + 150).position)).toEqual([150, 0]);
    expect(lShape.positionAt(1400 + 150).bearingDeg).toBe(90);
  });

  it("loops a closed ring back to its start instead of reversing", () => {
    const secondLap = square.positionAt(800 + 100);
    expect(metersFromOrigin(secondLap.position)).toEqual([0, 100]);
    expect(secondLap.bearingDeg).toBe(0);
    expect(square.positionAt(750).bearingDeg).toBe(270);
  });

  it("ignores repeated points and refuses a route without two distinct points", () => {
    expect(createRouteWalker(route([0, 0], [0, 0], [100, 0], [100, 0])).lengthM).toBeCloseTo(100, 6);
    expect(() => createRouteWalker(route([5, 5], [5, 5]))).toThrow(
      "a route needs at least 2 distinct points",
    );
    expect(() => createRouteWalker([])).toThrow(RangeError);
  });

  it("never leaves the route's bounding box and always gives a bearing in [0, 360)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (travelledM) => {
        for (const walker of [lShape, square]) {
          const { position, bearingDeg: bearing } = walker.positionAt(travelledM);
          const [x, y] = metersFromOrigin(position);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(300);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(400);
          expect(bearing).toBeGreaterThanOrEqual(0);
          expect(bearing).toBeLessThan(360);
        }
      }),
    );
  });
});

describe(bearingDeg.name, () => {
  it("is a compass bearing: north 0, east 90, south 180, west 270", () => {
    expect([bearingDeg(0, 1), bearingDeg(1, 0), bearingDeg(0, -1), bearingDeg(-1, 0)]).toEqual([
      0, 90, 180, 270,
    ]);
    expect(bearingDeg(1, 1)).toBeCloseTo(45, 10);
  });
});
