import { describe, expect, it } from "vitest";
import { formatFixAge, formatSpeed } from "./vehicle-format";

const NOW = Date.parse("2026-03-02T08:00:00Z");

describe(formatFixAge.name, () => {
  it("picks the largest unit that keeps the age short", () => {
    expect(formatFixAge(NOW - 2_000, NOW)).toBe("just now");
    expect(formatFixAge(NOW - 42_000, NOW)).toBe("42 s ago");
    expect(formatFixAge(NOW - 90_000, NOW)).toBe("1 min ago");
    expect(formatFixAge(NOW - 3 * 3_600_000, NOW)).toBe("3 h ago");
  });

  it("says so when there is no fix, and clamps fixes slightly in the future to now", () => {
    expect(formatFixAge(Number.NaN, NOW)).toBe("No fix yet");
    expect(formatFixAge(NOW + 1_500, NOW)).toBe("just now");
  });
});

describe(formatSpeed.name, () => {
  it("rounds to whole km/h and shows a dash for unknown speed", () => {
    expect(formatSpeed(42.4)).toBe("42 km/h");
    expect(formatSpeed(Number.NaN)).toBe("—");
  });
});
