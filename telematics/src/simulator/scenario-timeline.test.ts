import { parseScenario, type Scenario } from "@waybill/shared/contracts/scenario.schema";
import { describe, expect, it } from "vitest";
import { scenarioTimeline } from "./scenario-timeline";

const scenario = (events: unknown[]): Scenario => {
  const parsed = parseScenario({
    name: "timeline",
    extract: "monaco.osm.pbf",
    seed: 1,
    day: { start: "08:00", end: "16:00" },
    fleet: { vehicles: 5, capacityKg: 100, depot: [7.4163, 43.7283] },
    orders: { count: 10, radiusM: 1000, weightKg: [1, 2], serviceMinutes: [1, 2], windowMinutes: 60 },
    events,
  });
  if ("issues" in parsed) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
};

describe(scenarioTimeline.name, () => {
  const events = [
    { kind: "urgentOrders", at: "12:00", count: 3, withinMinutes: 90 },
    { kind: "breakdown", vehicle: 2, at: "11:00" },
    { kind: "slowdown", road: { name: "Boulevard Albert 1er" }, factor: 0.2, from: "10:00", to: "11:30" },
    { kind: "closure", road: { wayIds: [1] }, from: "08:30", to: "09:30" },
  ];

  it("turns times of day into delays from the start, sorted, scaled by the speed-up; urgent orders' due time is real", () => {
    expect(scenarioTimeline(scenario(events), { clock: "10:30", speedup: 10 })).toEqual([
      {
        kind: "roadEvent",
        dueMs: 0,
        eventIndex: 2,
        road: { name: "Boulevard Albert 1er" },
        reason: "traffic jam",
        factor: 0.2,
        durationMs: 360_000,
      },
      { kind: "breakdown", dueMs: 180_000, eventIndex: 1, vehicle: 2 },
      { kind: "urgentOrders", dueMs: 540_000, eventIndex: 0, count: 3, withinMs: 5_400_000 },
    ]);
  });

  it("keeps every event, closures whole, when the run starts with the day", () => {
    const timeline = scenarioTimeline(scenario(events), { clock: "08:00", speedup: 1 });
    expect(timeline.map((action) => [action.kind, action.dueMs])).toEqual([
      ["roadEvent", 1_800_000],
      ["roadEvent", 7_200_000],
      ["breakdown", 10_800_000],
      ["urgentOrders", 14_400_000],
    ]);
    expect(timeline[0]).toMatchObject({ factor: null, durationMs: 3_600_000, reason: "road closed" });
  });

  it("refuses a speed-up that is not positive", () => {
    expect(() => scenarioTimeline(scenario([]), { clock: "08:00", speedup: 0 })).toThrow("speedup");
  });
});
