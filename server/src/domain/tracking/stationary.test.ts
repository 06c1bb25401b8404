import { addGpsNoise } from "@waybill/telematics/simulator/gps-noise";
import { createSeededRandom } from "@waybill/telematics/simulator/seeded-random";
import { describe, expect, it } from "vitest";
import { haversineMeters } from "../telemetry/distance";
import { StationaryTracker } from "./stationary";

describe("StationaryTracker", () => {
  it("keeps the time it stopped through drift and resets when it moves on", () => {
    const tracker = new StationaryTracker(50);
    expect(tracker.update(0, 43.73, 7.42)).toBe(0);
    expect(tracker.update(60_000, 43.7302, 7.4201)).toBe(0);
    expect(tracker.update(120_000, 43.7301, 7.4199)).toBe(0);
    expect(tracker.update(180_000, 43.735, 7.42)).toBe(180_000);
  });
});

describe("StationaryTracker with GPS noise", () => {
  it("keeps standing through 12 m GPS noise for an hour (two raw fixes are often 50 m apart)", () => {
    const tracker = new StationaryTracker(50);
    const random = createSeededRandom(7);
    let since = 0;
    let apart = 0;
    let previous = [43.73, 7.42];
    for (let t = 0; t < 3_600_000; t += 5_000) {
      const [lng, lat] = addGpsNoise([7.42, 43.73], 12, random);
      if (haversineMeters(lat, lng, previous[0]!, previous[1]!) > 50) apart++;
      previous = [lat, lng];
      since = tracker.update(t, lat, lng);
    }
    expect(apart).toBeGreaterThan(5);
    expect(since).toBe(0);
  });
});
