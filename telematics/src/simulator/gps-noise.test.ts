import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { accuracyForNoiseM, addGpsNoise } from "./gps-noise";
import { createLocalProjection } from "./local-projection";
import { createSeededRandom } from "./seeded-random";

const monaco: LngLat = [7.4246, 43.7384];

describe(addGpsNoise.name, () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => addGpsNoise(monaco, 8, random));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("scatters fixes with the requested sigma in metres on each axis, centred on the truth", () => {
    const random = createSeededRandom(123);
    const projection = createLocalProjection(monaco);
    const offsets = Array.from({ length: 20_000 }, () =>
      projection.toMeters(addGpsNoise(monaco, 10, random)),
    );
    for (const axis of [0, 1] as const) {
      const values = offsets.map((offset) => offset[axis]);
      const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
      const sigma = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
      expect(Math.abs(mean)).toBeLessThan(0.3);
      expect(sigma).toBeGreaterThan(9.7);
      expect(sigma).toBeLessThan(10.3);
    }
  });

  it("leaves the position unchanged for zero noise", () => {
    expect(addGpsNoise(monaco, 0, createSeededRandom(1))).toBe(monaco);
  });
});

describe(accuracyForNoiseM.name, () => {
  it("reports the 95% radius in whole metres, at least 3 m", () => {
    expect([accuracyForNoiseM(0), accuracyForNoiseM(4), accuracyForNoiseM(10)]).toEqual([3, 10, 25]);
  });
});
