import { describe, expect, it } from "vitest";
import { insideWindows, normaliseWindows } from "./time-windows";

describe("normaliseWindows", () => {
  it("reads local times in the customer's IANA zone (winter and summer offsets)", () => {
    const result = normaliseWindows(
      [
        { start: "2026-07-01T09:00", end: "2026-07-01T12:00" },
        { start: "2026-01-05T14:00", end: "2026-01-05T16:00" },
      ],
      "Europe/Monaco",
      "timeWindows",
    );
    expect(result).toEqual({
      ok: true,
      timeZone: "Europe/Monaco",
      windows: [
        { start: "2026-01-05T14:00:00.000+01:00", end: "2026-01-05T16:00:00.000+01:00" },
        { start: "2026-07-01T09:00:00.000+02:00", end: "2026-07-01T12:00:00.000+02:00" },
      ],
    });
  });

  it("keeps absolute times absolute and shows them in the customer's zone", () => {
    const result = normaliseWindows(
      [{ start: "2026-11-23T08:00:00Z", end: "2026-11-23T10:00:00Z" }],
      "Europe/Vaduz",
      "w",
    );
    expect(result.ok && result.windows[0]).toEqual({
      start: "2026-11-23T09:00:00.000+01:00",
      end: "2026-11-23T11:00:00.000+01:00",
    });
  });

  it("takes the first window's offset as the zone when none is given", () => {
    const result = normaliseWindows(
      [{ start: "2026-11-23T09:00:00-05:00", end: "2026-11-23T11:00:00-05:00" }],
      undefined,
      "w",
    );
    expect(result.ok && result.timeZone).toBe("UTC-5");
  });

  it("names each bad field", () => {
    expect(
      normaliseWindows([{ start: "2026-11-23T12:00", end: "2026-11-23T09:00" }], "UTC", "timeWindows"),
    ).toEqual({
      ok: false,
      issues: [{ field: "timeWindows.0.end", reason: "must be after start" }],
    });
    expect(normaliseWindows([], "Mars/Olympus", "w")).toEqual({
      ok: false,
      issues: [{ field: "timeZone", reason: "unknown IANA time zone Mars/Olympus" }],
    });
    const overlap = normaliseWindows(
      [
        { start: "2026-11-23T09:00", end: "2026-11-23T12:00" },
        { start: "2026-11-23T11:00", end: "2026-11-23T13:00" },
      ],
      "UTC",
      "timeWindows",
    );
    expect(overlap).toEqual({
      ok: false,
      issues: [{ field: "timeWindows.1", reason: "windows must not overlap" }],
    });
  });

  it("tells whether an instant is inside, bounds included", () => {
    const windows = [{ start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" }];
    expect(insideWindows(new Date("2026-11-23T08:00:00Z"), windows)).toBe(true);
    expect(insideWindows(new Date("2026-11-23T11:00:00Z"), windows)).toBe(true);
    expect(insideWindows(new Date("2026-11-23T11:00:01Z"), windows)).toBe(false);
  });
});
