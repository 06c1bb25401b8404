import { describe, expect, it } from "vitest";
import {
  dateOn,
  formatClock,
  formatDateTime,
  formatDistance,
  formatDuration,
  formatTimeOfDay,
  formatWindow,
} from "./time-format";

describe(formatClock.name, () => {
  it("shows the time on the given zone's clock", () => {
    expect(formatClock("2026-11-23T08:05:00Z", "UTC")).toBe("08:05");
    expect(formatClock("2026-11-23T08:05:00Z", "Europe/Paris")).toBe("09:05");
  });
});

describe(formatDateTime.name, () => {
  it("adds the local date", () => {
    expect(formatDateTime("2026-11-23T23:30:00Z", "Europe/Paris")).toBe("24 Nov, 00:30");
  });
});

describe(formatWindow.name, () => {
  it("writes the date once and both ends", () => {
    expect(formatWindow({ start: "2026-11-23T08:00:00Z", end: "2026-11-23T12:00:00Z" }, "UTC")).toBe(
      "23 Nov, 08:00–12:00",
    );
  });
});

describe(formatDuration.name, () => {
  it("uses minutes under an hour and hours with minutes above", () => {
    expect(formatDuration(240)).toBe("4 min");
    expect(formatDuration(5_400)).toBe("1 h 30 min");
    expect(formatDuration(7_200)).toBe("2 h");
  });
});

describe(formatDistance.name, () => {
  it("uses metres under a kilometre", () => {
    expect(formatDistance(640)).toBe("640 m");
    expect(formatDistance(12_345)).toBe("12.3 km");
  });
});

describe(formatTimeOfDay.name, () => {
  it("shows hours, minutes and seconds on the zone's clock, midnight as 00", () => {
    expect(formatTimeOfDay(Date.parse("2026-11-23T08:05:09Z"), "UTC")).toBe("08:05:09");
    expect(formatTimeOfDay(Date.parse("2026-11-23T23:00:00Z"), "Europe/Paris")).toBe("00:00:00");
  });
});

describe(dateOn.name, () => {
  it("gives the date on the zone's clock", () => {
    expect(dateOn(Date.parse("2026-11-23T23:30:00Z"), "Europe/Paris")).toBe("2026-11-24");
    expect(dateOn(Date.parse("2026-11-23T23:30:00Z"), "UTC")).toBe("2026-11-23");
  });
});
