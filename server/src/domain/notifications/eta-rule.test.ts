import { describe, expect, it } from "vitest";
import { type EtaHistory, shouldTellEta } from "./eta-rule";

const settings = { thresholdMinutes: 15, minIntervalMinutes: 30 };
const window = { start: "2026-11-23T08:00:00Z", end: "2026-11-23T11:00:00Z" };
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00Z`);
const never: EtaHistory = { toldEtaAt: null, lastEtaNoticeAt: null };
const told = (hhmm: string, noticeAt: string | null = null): EtaHistory => ({
  toldEtaAt: at(hhmm),
  lastEtaNoticeAt: noticeAt === null ? null : at(noticeAt),
});

describe(shouldTellEta.name, () => {
  it("tells a move of more than the threshold from the last ETA told", () => {
    expect(shouldTellEta(at("09:16"), window, told("09:00"), settings, at("07:00"))).toBe(true);
    expect(shouldTellEta(at("08:44"), window, told("09:00"), settings, at("07:00"))).toBe(true);
  });

  it("keeps quiet about a move of the threshold or less inside the window", () => {
    expect(shouldTellEta(at("09:15"), window, told("09:00"), settings, at("07:00"))).toBe(false);
    expect(shouldTellEta(at("08:50"), window, told("09:00"), settings, at("07:00"))).toBe(false);
  });

  it("tells a small move that leaves the promised window", () => {
    expect(shouldTellEta(at("11:05"), window, told("10:55"), settings, at("07:00"))).toBe(true);
  });

  it("keeps quiet about a small move outside the window when the customer already knows it is late", () => {
    expect(shouldTellEta(at("11:20"), window, told("11:10"), settings, at("07:00"))).toBe(false);
  });

  it("measures from the last ETA told, not from the last ETA computed", () => {
    // 09:00 was told; 09:10 and 09:14 were never told; 09:20 is 20 minutes from what the customer knows.
    expect(shouldTellEta(at("09:20"), window, told("09:00"), settings, at("07:00"))).toBe(true);
  });

  it("tells a first ETA only when it is outside the window (inside, the window says it all)", () => {
    expect(shouldTellEta(at("09:30"), window, never, settings, at("07:00"))).toBe(false);
    expect(shouldTellEta(at("11:30"), window, never, settings, at("07:00"))).toBe(true);
  });

  it("tells a first ETA when no window was promised", () => {
    expect(shouldTellEta(at("09:30"), null, never, settings, at("07:00"))).toBe(true);
  });

  it("sends at most one ETA notification per interval, however far the ETA moves", () => {
    const recent = told("09:00", "07:00");
    expect(shouldTellEta(at("10:30"), window, recent, settings, at("07:29"))).toBe(false);
    expect(shouldTellEta(at("10:30"), window, recent, settings, at("07:30"))).toBe(true);
  });
});
