import { describe, expect, it } from "vitest";
import {
  dayInSentence,
  formatAgo,
  formatDay,
  formatMoment,
  formatTime,
  formatWindow,
  pageLocale,
  resolveZone,
  type TimeContext,
  zoneNoteFor,
} from "./zoned-time";

/** "Now" is Sunday 22 November 2026, 20:00 in Monaco (19:00 UTC). */
const NOW = Date.parse("2026-11-22T19:00:00Z");
const at = (iso: string) => Date.parse(iso);
const context = (zone: string, locale = "en-GB"): TimeContext => ({
  zone: resolveZone(zone),
  locale,
  nowMs: NOW,
});

describe(resolveZone.name, () => {
  it("passes IANA names to Intl unchanged", () => {
    expect(resolveZone("Europe/Monaco")).toEqual({
      name: "Europe/Monaco",
      intlName: "Europe/Monaco",
      shiftMs: 0,
    });
  });

  it("turns luxon's fixed offsets into a shift applied in UTC", () => {
    expect(resolveZone("UTC+1")).toMatchObject({ intlName: "UTC", shiftMs: 3_600_000 });
    expect(resolveZone("UTC-5:30")).toMatchObject({ intlName: "UTC", shiftMs: -19_800_000 });
    expect(resolveZone("UTC")).toMatchObject({ intlName: "UTC", shiftMs: 0 });
  });

  it("falls back to the device's zone for a name Intl does not know", () => {
    const zone = resolveZone("Mars/Olympus_Mons");
    expect(zone.shiftMs).toBe(0);
    expect(() => new Intl.DateTimeFormat("en", { timeZone: zone.intlName })).not.toThrow();
  });
});

describe(pageLocale.name, () => {
  it("takes the first English locale the browser prefers, else British English", () => {
    expect(pageLocale(["de-DE", "en-US", "en-GB"])).toBe("en-US");
    expect(pageLocale(["fr-FR"])).toBe("en-GB");
  });
});

describe(formatTime.name, () => {
  it("reads the instant on the customer's clock, whatever the offset it was written with", () => {
    expect(formatTime(at("2026-11-23T08:40:00Z"), context("Europe/Monaco"))).toBe("9:40");
    expect(formatTime(at("2026-11-23T08:40:00Z"), context("UTC+1"))).toBe("9:40");
    expect(formatTime(at("2026-11-23T08:40:00Z"), context("America/New_York", "en-US"))).toBe("3:40 AM");
  });
});

describe(formatDay.name, () => {
  it("names close days relative to today in the customer's zone", () => {
    const ctx = context("Europe/Monaco");
    expect(formatDay(at("2026-11-22T22:30:00Z"), ctx)).toBe("Today");
    expect(formatDay(at("2026-11-22T23:30:00Z"), ctx)).toBe("Tomorrow");
    expect(formatDay(at("2026-11-21T12:00:00Z"), ctx)).toBe("Yesterday");
    expect(formatDay(at("2026-11-25T12:00:00Z"), ctx)).toBe("Wed 25 Nov");
  });

  it("counts days on the customer's calendar, not UTC's", () => {
    // 23:30 UTC on the 22nd is already the 23rd in Monaco but still the 22nd in New York.
    expect(formatDay(at("2026-11-22T23:30:00Z"), context("America/New_York"))).toBe("Today");
  });
});

describe(dayInSentence.name, () => {
  it("reads inside a sentence", () => {
    const ctx = context("Europe/Monaco");
    expect(dayInSentence(at("2026-11-22T20:00:00Z"), ctx)).toBe("today");
    expect(dayInSentence(at("2026-11-23T09:00:00Z"), ctx)).toBe("tomorrow");
    expect(dayInSentence(at("2026-11-26T09:00:00Z"), ctx)).toBe("on Thu 26 Nov");
  });
});

describe(formatMoment.name, () => {
  it("joins day and time", () => {
    expect(formatMoment(at("2026-11-22T18:52:00Z"), context("Europe/Monaco"))).toBe("Today, 19:52");
  });
});

describe(formatWindow.name, () => {
  it("shows a window on one day once, in the customer's zone", () => {
    const window = { start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" };
    expect(formatWindow(window, context("Europe/Monaco"))).toBe("Tomorrow, 9:00\u00a0–\u00a012:00");
    expect(formatWindow(window, context("UTC+1"))).toBe("Tomorrow, 9:00\u00a0–\u00a012:00");
  });

  it("names both days of a window across midnight", () => {
    const window = { start: "2026-11-23T22:00:00+01:00", end: "2026-11-24T02:00:00+01:00" };
    expect(formatWindow(window, context("Europe/Monaco"))).toBe(
      "Tomorrow, 22:00\u00a0–\u00a0Tue 24 Nov, 2:00",
    );
  });
});

describe(formatAgo.name, () => {
  it("rounds down to minutes, then hours", () => {
    expect(formatAgo(NOW - 59_000, NOW)).toBe("just now");
    expect(formatAgo(NOW + 5_000, NOW)).toBe("just now");
    expect(formatAgo(NOW - 60_000, NOW)).toBe("1 min ago");
    expect(formatAgo(NOW - 59 * 60_000, NOW)).toBe("59 min ago");
    expect(formatAgo(NOW - 130 * 60_000, NOW)).toBe("2 h ago");
  });
});

describe(zoneNoteFor.name, () => {
  it("names the customer's offset only when the viewer's clock differs", () => {
    const monaco = resolveZone("Europe/Monaco");
    expect(zoneNoteFor(NOW, monaco, "America/New_York")).toBe("GMT+1");
    expect(zoneNoteFor(NOW, monaco, "Europe/Paris")).toBeNull();
    expect(zoneNoteFor(NOW, resolveZone("UTC+1"), "Europe/Berlin")).toBeNull();
    expect(zoneNoteFor(NOW, resolveZone("UTC-5:30"), "UTC")).toBe("GMT-5:30");
    expect(zoneNoteFor(NOW, resolveZone("UTC"), "Europe/Monaco")).toBe("GMT");
  });

  it("follows daylight saving time at the instant", () => {
    const summer = Date.parse("2026-07-01T12:00:00Z");
    expect(zoneNoteFor(summer, resolveZone("Europe/Monaco"), "UTC")).toBe("GMT+2");
  });
});
