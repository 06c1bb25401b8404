import { describe, expect, it } from "vitest";
import {
  reorderAndDuplicate,
  TraceBuilder,
  type TraceFix,
  townPoint,
  townRoute,
} from "./__fixtures__/simulated-trace";
import { PaceTracker } from "./eta";
import type { OffRouteEvent } from "./off-route";
import { RouteFollower } from "./route-follower";
import { RouteProgress } from "./route-progress";
import { StationaryTracker } from "./stationary";

const road = townRoute([townPoint(-805, -556), townPoint(322, 334), townPoint(644, -667)]);
const line = road.geometry.coordinates;
const plannedS = road.legs.reduce((sum, leg) => sum + leg.durationS, 0);

/** Runs a trace through a follower as the tracking service does; returns its events and what it measured. */
function follow(fixes: readonly TraceFix[]) {
  const follower = new RouteFollower(new RouteProgress(line, road.legs, ["a", "b"]));
  const pace = new PaceTracker();
  const stationary = new StationaryTracker();
  const events: OffRouteEvent[] = [];
  let samples = 0;
  let farthestM = 0;
  for (const fix of fixes) {
    const since = stationary.update(fix.fixAt, fix.lat, fix.lng);
    const step = follower.update(fix, {
      departed: true,
      atStop: false,
      stationaryS: (fix.fixAt - since) / 1000,
    });
    if (!step) continue;
    if (step.event.type !== "none") events.push(step.event);
    if (step.pace) {
      samples++;
      pace.observe(step.pace.plannedS, step.pace.actualS);
    }
    farthestM = Math.max(farthestM, step.position.alongM);
  }
  return { events, pace: pace.pace, samples, farthestM, follower };
}

describe(RouteFollower.name, () => {
  it("follows a drive with 5 m GPS noise without leaving the route, and learns its pace", () => {
    const trace = new TraceBuilder(line, 1).drive(0, 4_800, 25);
    const result = follow(trace.fixes);
    expect(result.events).toEqual([]);
    expect(result.farthestM).toBeGreaterThan(4_700);
    const takenS = (trace.fixes.at(-1)!.fixAt - trace.fixes[0]!.fixAt) / 1000;
    // The pace weighs recent driving more, so it is near, not at, the ratio over the whole drive.
    expect(Math.abs(result.pace / (takenS / plannedS) - 1)).toBeLessThan(0.1);
  });

  it("leaves the route once on a detour along a parallel street 250 m away and comes back once", () => {
    const trace = new TraceBuilder(line, 2).drive(0, 1_000, 30);
    const detourAt = trace.now;
    trace.drive(1_000, 2_000, 30, 250);
    const backAt = trace.now;
    trace.drive(2_000, 3_000, 30);
    const { events } = follow(trace.fixes);
    // Where the route bends, the first fixes of the parallel street are still within 100 m of it.
    expect(events).toEqual([
      {
        type: "left",
        at: expect.toBeOneOf([detourAt, detourAt + 5_000, detourAt + 10_000, detourAt + 15_000]),
        distanceM: expect.any(Number),
      },
      { type: "returned", at: backAt },
    ]);
    expect((events[0] as { distanceM: number }).distanceM).toBeGreaterThan(150);
  });

  it("does not leave the route for GPS drift while parked beside it, and learns no pace after 2 min parked", () => {
    const parked = (minutes: number) =>
      new TraceBuilder(line, 3).drive(0, 600, 30).stand(600, minutes * 60, 30, 12);
    const long = follow(parked(20).fixes);
    expect(long.events).toEqual([]);
    // Standing is traffic for its first 2 minutes (a jam, a long light); after that it is a break.
    expect(long.pace).toBeCloseTo(follow(parked(2.5).fixes).pace, 2);
    expect(long.pace).toBeLessThan(2.5);
  });

  it("rides through a tunnel: 4 min without fixes, drifting fixes at both mouths, no off-route", () => {
    const trace = new TraceBuilder(line, 4).drive(0, 1_000, 40).drive(1_000, 1_400, 40, 150);
    trace.silence(240).drive(3_300, 3_700, 40, 150).drive(3_700, 4_500, 40);
    const { events, farthestM } = follow(trace.fixes);
    expect(events).toEqual([]);
    expect(farthestM).toBeGreaterThan(4_400);
  });

  it("gives the same events for reordered and duplicated fixes as for the clean trace", () => {
    const trace = new TraceBuilder(line, 5)
      .drive(0, 1_000, 30)
      .drive(1_000, 2_000, 30, 250)
      .drive(2_000, 3_000, 30);
    const clean = follow(trace.fixes).events;
    const flaky = follow(reorderAndDuplicate(trace.fixes)).events;
    expect(flaky.map((e) => e.type)).toEqual(["left", "returned"]);
    expect(clean.map((e) => e.type)).toEqual(["left", "returned"]);
    const leftAt = (events: OffRouteEvent[]) => (events[0] as { at: number }).at;
    expect(Math.abs(leftAt(flaky) - leftAt(clean))).toBeLessThanOrEqual(5_000);
  });

  it("judges nothing before the vehicle has left its start", () => {
    const follower = new RouteFollower(new RouteProgress(line, road.legs, ["a", "b"]));
    const trace = new TraceBuilder(line, 6).drive(0, 2_000, 30, 300);
    const steps = trace.fixes.map((fix) =>
      follower.update(fix, { departed: false, atStop: false, stationaryS: 0 }),
    );
    expect(steps.every((step) => step?.event.type === "none" && step.pace === null)).toBe(true);
  });
});
