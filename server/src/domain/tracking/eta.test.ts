import { describe, expect, it } from "vitest";
import { etaAlongRoute, etaOfStops, latenessS, PaceTracker } from "./eta";
import { RouteProgress } from "./route-progress";

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

describe("etaAlongRoute", () => {
  const M_PER_DEG_LNG = 111_195 * Math.cos((43.73 * Math.PI) / 180);
  const east = (m: number): [number, number] => [7.42 + m / M_PER_DEG_LNG, 43.73];
  const route = new RouteProgress(
    [east(0), east(1000), east(3000)],
    [
      { distanceM: 1000, durationS: 100 },
      { distanceM: 2000, durationS: 300 },
    ],
    ["a", "b"],
  );
  const stop = (stopId: string) => ({ stopId, serviceS: 60, timeWindows: [], arrivedAt: null });

  it("times the road still ahead at the vehicle's pace and tells what is left to drive", () => {
    const etas = etaAlongRoute(route, 500, {
      now: T0,
      fixAt: T0,
      stops: [stop("a"), stop("b")],
      pace: 2,
      staleAfterS: 300,
    });
    // a: 50 planned s left × 2 = 100 s; b: + 60 s service + 300 s × 2 = 760 s
    expect(etas?.map((e) => [Math.round((e.arrivalAt - T0) / 1000), e.remainingM, e.drivingS])).toEqual([
      [100, 500, 100],
      [760, 2500, 700],
    ]);
  });

  it("is null when the open stops are not the tail of the route", () => {
    expect(
      etaAlongRoute(route, 0, {
        now: T0,
        fixAt: T0,
        stops: [stop("b"), stop("a")],
        pace: 1,
        staleAfterS: 300,
      }),
    ).toBeNull();
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
  it("starts at the road model's pace and moves towards what the vehicle really takes", () => {
    const pace = new PaceTracker();
    expect(pace.pace).toBe(1);
    pace.observe(60, 90);
    // The prior (120 s at pace 1) fades by exp(-60 / 900) and the sample adds 60 planned s taking 90.
    const keep = Math.exp(-60 / 900);
    expect(pace.pace).toBeCloseTo((120 * keep + 90) / (120 * keep + 60), 6);
    for (let i = 0; i < 400; i++) pace.observe(5, 7.5);
    expect(pace.pace).toBeCloseTo(1.5, 1);
  });

  it("forgets old traffic after about its memory of planned driving", () => {
    const pace = new PaceTracker(900);
    for (let i = 0; i < 360; i++) pace.observe(5, 10);
    expect(pace.pace).toBeCloseTo(2, 1);
    for (let i = 0; i < 360; i++) pace.observe(5, 5);
    expect(pace.pace).toBeLessThan(1.2);
  });

  it("counts standing in traffic and is clamped so a long jam cannot swing every ETA", () => {
    const pace = new PaceTracker();
    for (let i = 0; i < 200; i++) pace.observe(0, 5);
    expect(pace.pace).toBe(3);
    pace.observe(-5, 10);
    pace.observe(Number.NaN, 10);
    expect(pace.pace).toBe(3);
  });
});
