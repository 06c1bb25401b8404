import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { createLocalProjection } from "./local-projection";
import { createRouteWalker } from "./route-walker";
import { createSeededRandom } from "./seeded-random";
import { SimulatedVehicle, type VehicleBehaviour, type VehicleStep } from "./simulated-vehicle";

const origin: LngLat = [7.4246, 43.7384];
const projection = createLocalProjection(origin);
const squareLoop = createRouteWalker(
  (
    [
      [0, 0],
      [0, 500],
      [500, 500],
      [500, 0],
      [0, 0],
    ] as const
  ).map((offset) => projection.toLngLat(offset)),
);
const steady: VehicleBehaviour = { speedKmh: 36, intervalMs: 1_000, noiseM: 0, dropoutRate: 0 };
const startAt = Date.parse("2024-06-03T12:00:00Z");

/** Runs a vehicle for `durationMs` in ticks of `tickMs` and returns every step. */
function drive(behaviour: VehicleBehaviour, seed: number, durationMs: number, tickMs = 100): VehicleStep[] {
  const vehicle = new SimulatedVehicle(squareLoop, behaviour, createSeededRandom(seed), startAt);
  const steps: VehicleStep[] = [];
  for (let t = tickMs; t <= durationMs; t += tickMs) steps.push(vehicle.advance(startAt + t, tickMs));
  return steps;
}

const fixesOf = (steps: VehicleStep[]) => steps.flatMap((step) => (step.kind === "fix" ? [step.fix] : []));

describe(SimulatedVehicle.name, () => {
  it("reports once per interval, stamped with the tick time", () => {
    const fixes = fixesOf(drive(steady, 1, 60_000));
    expect(fixes.length).toBeGreaterThanOrEqual(59);
    expect(fixes.length).toBeLessThanOrEqual(60);
    const gapsMs = fixes.slice(1).map((fix, i) => fix.fixAt - fixes[i]!.fixAt);
    for (const gapMs of gapsMs) expect(gapMs).toBe(1_000);
  });

  it("drives at about its speed along the route, with heading along the segment", () => {
    const vehicle = new SimulatedVehicle(squareLoop, steady, createSeededRandom(3), startAt);
    const before = vehicle.travelledM;
    const fixes = fixesOf(
      Array.from({ length: 600 }, (_, i) => vehicle.advance(startAt + (i + 1) * 100, 100)),
    );
    // 36 km/h = 10 m/s for 60 s, within the few-percent speed variation.
    expect(vehicle.travelledM - before).toBeGreaterThan(570);
    expect(vehicle.travelledM - before).toBeLessThan(630);
    for (const fix of fixes) {
      expect([0, 90, 180, 270]).toContain(fix.headingDeg);
      expect(fix.speedKmh).toBeGreaterThan(25);
      expect(fix.speedKmh).toBeLessThan(47);
    }
  });

  it("replays exactly for the same seed", () => {
    const noisy = { ...steady, noiseM: 5, dropoutRate: 0.05 };
    expect(drive(noisy, 11, 120_000)).toEqual(drive(noisy, 11, 120_000));
    expect(drive(noisy, 11, 120_000)).not.toEqual(drive(noisy, 12, 120_000));
  });

  it("drops fixes in dropouts of 5 to 30 seconds at about the requested rate", () => {
    const steps = drive({ ...steady, dropoutRate: 0.02 }, 5, 3_600_000);
    const dropped = steps.filter((step) => step.kind === "dropped").length;
    const fixes = fixesOf(steps).length;
    expect(dropped + fixes).toBeGreaterThan(3_590);
    // About 0.02/s over the connected time, each dropout ~17.5 s on average: ~25% of fixes lost.
    expect(dropped / (dropped + fixes)).toBeGreaterThan(0.12);
    expect(dropped / (dropped + fixes)).toBeLessThan(0.4);
    // Runs of dropped 1 Hz fixes: each dropout lasts 5-30 s (mean 17.5); back-to-back ones merge.
    const runs = dropoutRunLengths(steps);
    const meanRun = runs.reduce((sum, run) => sum + run, 0) / runs.length;
    expect(Math.min(...runs)).toBeGreaterThanOrEqual(4);
    expect(meanRun).toBeGreaterThan(13);
    expect(meanRun).toBeLessThan(23);
  });

  it("never drops a fix when the dropout rate is 0", () => {
    expect(drive(steady, 2, 600_000).some((step) => step.kind === "dropped")).toBe(false);
  });

  it("stops where it is once halted (a breakdown) and keeps reporting there at speed 0", () => {
    const vehicle = new SimulatedVehicle(squareLoop, steady, createSeededRandom(4), startAt);
    for (let i = 1; i <= 100; i++) vehicle.advance(startAt + i * 100, 100);
    vehicle.halt();
    const at = vehicle.travelledM;
    const fixes = fixesOf(
      Array.from({ length: 100 }, (_, i) => vehicle.advance(startAt + (101 + i) * 100, 100)),
    );
    expect(vehicle.halted).toBe(true);
    expect(vehicle.travelledM).toBe(at);
    expect(fixes.length).toBeGreaterThanOrEqual(9);
    for (const fix of fixes) {
      expect(fix.speedKmh).toBe(0);
      expect(fix.position).toEqual(vehicle.position);
    }
  });
});

/** Lengths of the runs of consecutive dropped fixes (one per second here). */
function dropoutRunLengths(steps: VehicleStep[]): number[] {
  const runs: number[] = [];
  let run = 0;
  for (const step of steps.filter((s) => s.kind !== "idle")) {
    if (step.kind === "dropped") run++;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  return runs;
}
