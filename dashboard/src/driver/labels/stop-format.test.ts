import { describe, expect, it } from "vitest";
import { describeDay, formatDistance, formatDuration, formatTimeWindows } from "./stop-format";

describe(formatTimeWindows.name, () => {
  it("shows the window in the customer's own offset", () => {
    const window = { start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:30:00.000+01:00" };
    expect(formatTimeWindows([window])).toBe("09:00–12:30");
  });

  it("joins several windows and gives null for none", () => {
    const morning = { start: "2026-11-23T08:00:00Z", end: "2026-11-23T10:00:00Z" };
    const evening = { start: "2026-11-23T18:00:00Z", end: "2026-11-23T20:00:00Z" };
    expect(formatTimeWindows([morning, evening])).toBe("08:00–10:00, 18:00–20:00");
    expect(formatTimeWindows([])).toBeNull();
  });
});

describe(formatDistance.name, () => {
  it("rounds metres to tens and switches to kilometres near 1 km", () => {
    expect(formatDistance(3)).toBe("10 m");
    expect(formatDistance(348)).toBe("350 m");
    expect(formatDistance(960)).toBe("1.0 km");
    expect(formatDistance(12_340)).toBe("12.3 km");
  });
});

describe(formatDuration.name, () => {
  it("rounds to whole minutes, never below one", () => {
    expect(formatDuration(20)).toBe("1 min");
    expect(formatDuration(370)).toBe("6 min");
  });
});

describe(describeDay.name, () => {
  it("counts delivered and failed stops, leaving out cancelled ones", () => {
    const stops = [
      { status: "completed", outcome: "succeeded" },
      { status: "completed", outcome: "succeeded" },
      { status: "completed", outcome: "failed" },
      { status: "cancelled", outcome: null },
    ] as const;
    expect(describeDay(stops)).toBe("2 delivered, 1 failed");
  });
});
