import { describe, expect, it } from "vitest";
import { type MapViewState, mercatorX, mercatorY, projectPoints } from "./screen-projection";

describe(mercatorX.name, () => {
  it("puts the world 512 px wide at zoom 0, doubling per zoom level", () => {
    expect(mercatorX(-180, 0)).toBe(0);
    expect(mercatorX(0, 0)).toBe(256);
    expect(mercatorX(180, 1)).toBe(1024);
  });
});

describe(mercatorY.name, () => {
  it("puts the equator in the middle and clamps the poles", () => {
    expect(mercatorY(0, 0)).toBeCloseTo(256, 9);
    expect(mercatorY(85.051129, 0)).toBeCloseTo(0, 3);
    expect(mercatorY(90, 0)).toBeCloseTo(0, 3);
  });
});

describe(projectPoints.name, () => {
  const view: MapViewState = { zoom: 15, anchorLng: 7.42, anchorLat: 43.73, anchorX: 500, anchorY: 400 };

  it("places the anchor where the map put it and other points by their Mercator offset", () => {
    const xs = new Float32Array(3);
    const ys = new Float32Array(3);
    // 0.001° east at zoom 15 is 512 * 2^15 / 360 / 1000 ≈ 46.6 px; 0.001° north at 43.73° ≈ 64.5 px up (46.6 / cos 43.73°).
    projectPoints(
      view,
      new Float64Array([7.42, 7.421, Number.NaN]),
      new Float64Array([43.73, 43.731, 43.73]),
      3,
      xs,
      ys,
    );
    expect(xs[0]).toBeCloseTo(500, 2);
    expect(ys[0]).toBeCloseTo(400, 2);
    expect(xs[1]! - 500).toBeCloseTo(46.603, 2);
    expect(400 - ys[1]!).toBeCloseTo(64.49, 1);
    expect(xs[2]).toBeNaN();
  });
});
