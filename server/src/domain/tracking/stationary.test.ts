import { describe, expect, it } from "vitest";
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
