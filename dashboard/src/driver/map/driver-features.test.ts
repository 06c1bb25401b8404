import { describe, expect, it } from "vitest";
import { stopOf } from "../route/stop.fixture";
import { pathFeatures, positionFeatures, stopFeatures } from "./driver-features";

describe(stopFeatures.name, () => {
  it("puts each stop at [lng, lat] with its numbered marker, and marks the next one", () => {
    const failed = stopOf("a", "completed", { outcome: "failed" });
    const next = stopOf("b", "assigned", { place: { address: "x", lat: 43.7, lng: 7.4 } });
    const features = stopFeatures([failed, next], "b").features;
    expect(features.map((feature) => feature.properties)).toEqual([
      { marker: "driver-stop:failed:1", next: false },
      { marker: "driver-stop:open:2", next: true },
    ]);
    expect(features[1]?.geometry).toEqual({ type: "Point", coordinates: [7.4, 43.7] });
  });
});

describe(pathFeatures.name, () => {
  it("draws a line of two or more points and nothing otherwise", () => {
    expect(pathFeatures(null).features).toEqual([]);
    expect(pathFeatures([[7.4, 43.7]]).features).toEqual([]);
    expect(
      pathFeatures([
        [7.4, 43.7],
        [7.41, 43.71],
      ]).features,
    ).toHaveLength(1);
  });
});

describe(positionFeatures.name, () => {
  it("shows the fix as a point, nothing before the first", () => {
    expect(positionFeatures(null).features).toEqual([]);
    expect(positionFeatures({ fixAt: 1, lat: 43.7, lng: 7.4 }).features[0]?.geometry).toEqual({
      type: "Point",
      coordinates: [7.4, 43.7],
    });
  });
});
