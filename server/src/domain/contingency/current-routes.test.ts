import { describe, expect, it } from "vitest";
import { currentArrivals, currentTotals, type ReplanMatrix } from "./current-routes";
import { proposalDiff } from "./proposal-diff";
import type { LiveStop, LiveVehicle } from "./replan-problem";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const point = (name: string) => ({ lat: 43.7, lng: 7.4, name });

const van = (id: string, over: Partial<LiveVehicle> = {}): LiveVehicle => ({
  vehicleId: id,
  driverId: null,
  available: true,
  position: point(`${id}-here`),
  end: point(`${id}-end`),
  shiftEndMs: NOW + 8 * 3_600_000,
  capacity: {},
  departed: true,
  ...over,
});
const stop = (
  id: string,
  vehicleId: string | null,
  sequence: number,
  over: Partial<LiveStop> = {},
): LiveStop => ({
  stopId: id,
  orderId: `ord_${id}`,
  kind: "delivery",
  lat: 43.7,
  lng: 7.4,
  timeWindows: [],
  serviceS: 300,
  load: { weightKg: 1, volumeM3: 0, units: 1 },
  skills: [],
  priority: 0,
  status: "assigned",
  vehicleId,
  sequence,
  etaMs: null,
  ...over,
});

/** A matrix over `points` where every leg takes `legS` seconds and 1 km, except those listed. */
function matrixOf(points: readonly object[], legS: number, legs: Record<string, number> = {}): ReplanMatrix {
  const size = points.length;
  const rows = new Map(points.map((p, i) => [p, i]));
  const durationsS = new Float64Array(size * size).fill(legS);
  const distancesM = new Float64Array(size * size).fill(1000);
  for (const [leg, seconds] of Object.entries(legs)) {
    const [from, to] = leg.split(">").map(Number);
    durationsS[from! * size + to!] = seconds;
  }
  return { size, durationsS, distancesM, locationOf: (p) => rows.get(p) ?? 0 };
}

describe("the current routes on the roads as they are now", () => {
  const a = van("a");
  const stops = [
    // Out of sequence in the list: the sequence orders them.
    stop("a2", "a", 1, { timeWindows: [{ start: at(60), end: at(90) }] }),
    stop("a1", "a", 0),
    stop("a3", "a", 2, { timeWindows: [{ start: at(0), end: at(70) }] }),
  ];

  it("re-times each route from where its van is: driving, waiting for a window, serving", () => {
    const points = [a.position, a.end, ...stops];
    const arrivals = currentArrivals([a], stops, matrixOf(points, 600), NOW);
    // a1 at +10 min, served 5; a2 at +25 waits for its window (+60), served 5; a3 at +75: too late.
    expect(arrivals).toEqual(
      new Map([
        ["a1", NOW + 10 * 60_000],
        ["a2", NOW + 25 * 60_000],
        ["a3", NOW + 75 * 60_000],
      ]),
    );
    const totals = currentTotals([a], stops, matrixOf(points, 600));
    expect(totals).toEqual(new Map([["a", { durationS: 4 * 600, distanceM: 4 * 1000 }]]));
  });

  it("gives no time past a leg the roads no longer allow, and none to a van out of service", () => {
    const points = [a.position, a.end, ...stops];
    // a1 (index 3) to a2 (index 2) closed.
    const closed = matrixOf(points, 600, { "3>2": Number.POSITIVE_INFINITY });
    expect([...currentArrivals([a], stops, closed, NOW).keys()]).toEqual(["a1"]);
    expect(currentArrivals([van("a", { available: false })], stops, closed, NOW).size).toBe(0);
  });

  it("counts a window missed before the re-plan when its van is out of service or the re-timed route misses it", () => {
    const retimed = stops.map((s) => (s.stopId === "a3" ? { ...s, etaMs: NOW + 75 * 60_000 } : s));
    const broken = [stop("b1", "b", 0, { timeWindows: [{ start: at(0), end: at(60) }], etaMs: NOW })];
    const diff = proposalDiff([...retimed, ...broken], [], [], new Set(["b"]));
    const verdicts = Object.fromEntries(diff.changes.map((c) => [c.stopId, [c.windowBefore, c.etaBeforeMs]]));
    expect(verdicts).toEqual({
      a1: ["unknown", null],
      a2: ["unknown", null],
      a3: ["missed", NOW + 75 * 60_000],
      b1: ["missed", null],
    });
    expect(diff.windowsKeptBefore).toBe(0);
  });
});
