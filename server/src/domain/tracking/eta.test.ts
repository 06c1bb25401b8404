import { describe, expect, it } from "vitest";
import { etaOfStops, latenessS, PaceTracker } from "./eta";

const T0 = Date.parse("2026-11-23T09:00:00Z");
const min = (m: number) => m * 60_000;
const window = (from: string, to: string) => [
  { start: `2026-11-23T${from}:00Z`, end: `2026-11-23T${to}:00Z` },
];

describe("etaOfStops", () => {
  const stops = [
    { stopId: "a", serviceS: 300, timeWindows: [], arrivedAt: null },
    { stopId: "b", serviceS: 300, timeWindows: window("09:40", "10:00"), arrivedAt: null },
    { stopId: "c", serviceS: 0, timeWindows: [], arrivedAt: null },
  ];

  it("adds legs scaled by pace, service times and waits for windows", () => {
    const etas = etaOfStops({
      now: T0,
      fixAt: T0,
      stops,
      legDurationsS: [600, 600, 1200],
      pace: 1.5,
      staleAfterS: 300,
    });
    // a: 09:00 + 15 min = 09:15, leaves 09:20; b: +15 = 09:35, waits to 09:40, leaves 09:45; c: +30 = 10:15
    expect(etas.map((e) => [(e.arrivalAt - T0) / 60_000, (e.serviceAt - T0) / 60_000])).toEqual([
      [15, 15],
      [35, 40],
      [75, 75],
    ]);
    expect(etas.map((e) => e.confidence)).toEqual([0.91, 0.86, 0.75]);
    expect(etas.every((e) => !e.stale)).toBe(true);
  });

  it("counts only the remaining service at the stop the vehicle is at", () => {
    const atStop = [{ ...stops[0]!, arrivedAt: T0 - min(2) }, stops[2]!];
    const etas = etaOfStops({
      now: T0,
      fixAt: T0,
      stops: atStop,
      legDurationsS: [0, 600],
      pace: 1,
      staleAfterS: 300,
    });
    expect(etas.map((e) => (e.arrivalAt - T0) / 60_000)).toEqual([-2, 13]);
  });

  it("flags an ETA from an old position as stale and halves its confidence", () => {
    const etas = etaOfStops({
      now: T0,
      fixAt: T0 - min(10),
      stops: [stops[0]!],
      legDurationsS: [600],
      pace: 1,
      staleAfterS: 300,
    });
    expect(etas[0]).toMatchObject({ stale: true, confidence: 0.46 });
  });
});

describe("latenessS", () => {
  it("is zero inside or before a window and counts from the last window's end", () => {
    const windows = [...window("09:00", "10:00"), ...window("14:00", "15:00")];
    expect(latenessS(Date.parse("2026-11-23T08:00:00Z"), windows)).toBe(0);
    expect(latenessS(Date.parse("2026-11-23T12:00:00Z"), windows)).toBe(0);
    expect(latenessS(Date.parse("2026-11-23T15:10:00Z"), windows)).toBe(600);
    expect(latenessS(T0, [])).toBe(0);
  });
});

describe("PaceTracker", () => {
  it("moves towards the observed ratio and ignores short or odd legs", () => {
    const pace = new PaceTracker();
    pace.observe(600, 900);
    expect(pace.pace).toBeCloseTo(1.15);
    pace.observe(10, 1000);
    expect(pace.pace).toBeCloseTo(1.15);
    for (let i = 0; i < 30; i++) pace.observe(600, 6000);
    expect(pace.pace).toBeCloseTo(1.8);
  });
});
