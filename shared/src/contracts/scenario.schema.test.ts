import { describe, expect, it } from "vitest";
import { clockSeconds, parseScenario } from "./scenario.schema";

const valid = () => ({
  name: "breakdown-at-11",
  extract: "monaco.osm.pbf",
  seed: 7,
  day: { start: "08:00", end: "17:00" },
  fleet: { vehicles: 20, capacityKg: 250, depot: [7.4165, 43.7295] },
  orders: { count: 300, radiusM: 2500, weightKg: [1, 20], serviceMinutes: [2, 6], windowMinutes: 120 },
  events: [{ kind: "breakdown", vehicle: 4, at: "11:00" }],
});

const issuesOf = (input: unknown) => {
  const parsed = parseScenario(input);
  return "issues" in parsed ? parsed.issues : [];
};

describe(parseScenario.name, () => {
  it("accepts a scenario and fills the defaults", () => {
    const parsed = parseScenario({
      ...valid(),
      events: [
        ...valid().events,
        { kind: "closure", road: { wayIds: [120113156] }, from: "10:00", to: "12:30" },
        { kind: "slowdown", road: { name: "Boulevard Albert 1er" }, factor: 0.2, from: "09:00", to: "11:00" },
        { kind: "urgentOrders", at: "12:00", count: 20, withinMinutes: 120 },
      ],
    });
    if (!("scenario" in parsed)) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.scenario.orders.windowShare).toBe(1);
    expect(parsed.scenario.events.map((event) => event.kind)).toEqual([
      "breakdown",
      "closure",
      "slowdown",
      "urgentOrders",
    ]);
    expect(parsed.scenario.events[1]).toMatchObject({ reason: "road closed" });
  });

  it("names each faulty field and says why", () => {
    const scenario = valid();
    expect(
      issuesOf({
        ...scenario,
        seed: 1.5,
        fleet: { ...scenario.fleet, depot: [7.4, 95] },
        orders: { ...scenario.orders, weightKg: [20, 1] },
        events: [{ kind: "flood", at: "11:00" }],
      }),
    ).toEqual([
      { field: "seed", reason: expect.stringMatching(/int/i) },
      { field: "fleet.depot[1]", reason: "latitude above 90" },
      { field: "orders.weightKg", reason: "expected [min, max] with min <= max" },
      { field: "events[0].kind", reason: "expected kind breakdown, closure, slowdown or urgentOrders" },
    ]);
    expect(issuesOf({ ...scenario, extra: 1 })).toEqual([
      { field: "$", reason: expect.stringContaining("extra") },
    ]);
  });

  it("checks times against the day, the order of from and to, the vehicle number and the road", () => {
    expect(
      issuesOf({
        ...valid(),
        events: [
          { kind: "breakdown", vehicle: 21, at: "18:00" },
          { kind: "closure", road: { wayIds: [1] }, from: "12:00", to: "11:00" },
        ],
      }),
    ).toEqual([
      { field: "events[0].at", reason: "must lie in the day (08:00-17:00)" },
      { field: "events[0].vehicle", reason: "the fleet has 20 vehicles" },
      { field: "events[1].to", reason: "must be after from" },
    ]);
    expect(
      issuesOf({
        ...valid(),
        events: [{ kind: "closure", road: { wayIds: [1], name: "X" }, from: "10:00", to: "11:00" }],
      }),
    ).toEqual([{ field: "events[0].road", reason: "give exactly one of wayIds and name" }]);
    expect(issuesOf({ ...valid(), day: { start: "08:00", end: "8:00" } })).toEqual([
      { field: "day.end", reason: "expected a time of day HH:mm" },
    ]);
  });
});

describe(clockSeconds.name, () => {
  it("counts seconds from midnight", () => {
    expect(clockSeconds("00:00")).toBe(0);
    expect(clockSeconds("11:30")).toBe(41_400);
  });
});
