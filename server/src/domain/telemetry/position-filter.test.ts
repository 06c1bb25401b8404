import { describe, expect, it } from "vitest";
import { haversineMeters } from "./distance";
import { type CandidateFix, filterPosition, type LastFix } from "./position-filter";

const rules = { futureToleranceMs: 300_000, maxPlausibleSpeedKmh: 300, jumpFloorM: 500 };
const base = Date.parse("2026-11-22T10:00:00Z");
const METERS_PER_DEG_LAT = 111_195;

/** A fix `seconds` after 10:00 and `northM` metres north of Monaco, received at once. */
const fixAt = (seconds: number, northM = 0): CandidateFix => ({
  fixAt: base + seconds * 1000,
  receivedAt: base + seconds * 1000,
  lat: 43.7384 + northM / METERS_PER_DEG_LAT,
  lng: 7.4246,
});
const last: LastFix = fixAt(0);

describe(filterPosition.name, () => {
  it("passes a plausible next fix", () => {
    expect(filterPosition(fixAt(10, 100), last, rules)).toBeNull();
  });

  it("passes the first fix of a vehicle", () => {
    expect(filterPosition(fixAt(0), null, rules)).toBeNull();
  });

  it("drops a fix from more than the tolerance in the future", () => {
    const fix = { ...fixAt(0), fixAt: base + 301_000 };
    expect(filterPosition(fix, null, rules)).toBe("future_fix");
  });

  it("drops a fix with the same time as the last one", () => {
    expect(filterPosition(fixAt(0, 3), last, rules)).toBe("duplicate");
  });

  it("drops a jump faster than the plausible speed", () => {
    expect(filterPosition(fixAt(10, 5_000), last, rules)).toBe("implausible_jump");
  });

  it("keeps noise below the jump floor even when the implied speed is high", () => {
    expect(filterPosition(fixAt(1, 400), last, rules)).toBeNull();
  });

  it("passes late (older) fixes: history keeps them", () => {
    expect(filterPosition(fixAt(-60, 50_000), last, rules)).toBeNull();
  });
});

describe(haversineMeters.name, () => {
  it("measures one degree of latitude as about 111 km", () => {
    expect(haversineMeters(0, 0, 1, 0)).toBeCloseTo(111_195, -1);
  });
});
