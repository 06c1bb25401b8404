import { parseScenario, type Scenario } from "@waybill/shared/contracts/scenario.schema";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../planning/check-plan";
import type { RoadGraph } from "../road/road-graph";
import { buildRoadGraphFromExtract } from "../road/road-import";
import { RouteEngine } from "../road/route-engine";
import { generateSyntheticTown, SYNTHETIC_TOWN_CENTER } from "../road/synthetic-town";
import { DayNetwork } from "./day-network";
import { generateDayOrders } from "./day-orders";
import { type DayOutcome, type DayReport, simulateDay } from "./day-simulation";
import { addressPoints, scenarioDisruptions } from "./scenario-roads";

/** A small day on the synthetic town: 5 vans, 60 orders with one-hour windows. */
const smallDay = (events: unknown[]): Scenario => {
  const parsed = parseScenario({
    name: "small-day",
    extract: "synthetic.osm.pbf",
    seed: 3,
    day: { start: "08:00", end: "14:00" },
    fleet: { vehicles: 5, capacityKg: 200, depot: SYNTHETIC_TOWN_CENTER },
    orders: { count: 60, radiusM: 1500, weightKg: [2, 20], serviceMinutes: [3, 8], windowMinutes: 60 },
    events,
  });
  if ("issues" in parsed) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
};

let graph: RoadGraph;
let engine: RouteEngine;
beforeAll(() => {
  graph = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 7 })).graph;
  engine = new RouteEngine(graph);
});

function run(scenario: Scenario, policies?: DayOutcome["policy"][]): DayReport {
  const network = new DayNetwork(engine, scenarioDisruptions(scenario, graph));
  const { depot } = scenario.fleet;
  const addresses = network.reachableFrom(depot, addressPoints(graph, depot, scenario.orders.radiusM));
  const orders = generateDayOrders(scenario, addresses);
  return simulateDay(scenario, network, orders, {
    planIterations: 3000,
    recovery: { iterationLimit: 3000 },
    now: () => 0,
    ...(policies ? { policies: policies as ("none" | "naive" | "waybill")[] } : {}),
  });
}

const outcome = (report: DayReport, policy: DayOutcome["policy"]) =>
  report.outcomes.find((o) => o.policy === policy)!;

describe(simulateDay.name, () => {
  it("after a breakdown, Waybill's re-plan passes checkPlan, serves every stop and misses no more windows than the naive recovery", () => {
    const report = run(smallDay([{ kind: "breakdown", vehicle: 2, at: "10:30" }]));
    expect(report.plan.unassigned).toEqual([]);
    expect(report.undisturbed.windowsMissed).toBe(0);
    const [none, naive, waybill] = [
      outcome(report, "none"),
      outcome(report, "naive"),
      outcome(report, "waybill"),
    ];
    // The breakdown bites: without a recovery the broken van's remaining stops are lost.
    expect(none.notServed).toBeGreaterThan(0);
    expect(naive.notServed).toBe(0);
    const [recovery] = waybill.recoveries;
    expect(recovery).toMatchObject({ trigger: "breakdown", applied: true, postponed: 0 });
    expect(checkPlan(recovery!.problem, recovery!.plan).violations).toEqual([]);
    expect(waybill.notServed).toBe(0);
    expect(waybill.windowsMissed).toBeLessThanOrEqual(naive.windowsMissed);
    expect(waybill.windowsMissed).toBeLessThan(none.windowsMissed);
  });

  it("is reproducible: the same scenario and seed give the same day", () => {
    const scenario = smallDay([{ kind: "urgentOrders", at: "11:00", count: 6, withinMinutes: 120 }]);
    const strip = (report: DayReport) =>
      report.outcomes.map(({ recoveries, ...rest }) => ({ ...rest, plans: recoveries.map((r) => r.plan) }));
    expect(strip(run(scenario))).toEqual(strip(run(scenario)));
  });

  it("makes vehicles that keep their routes drive around a closed road; the undisturbed day does not see it", () => {
    const closed = run(
      smallDay([{ kind: "closure", road: { name: "King Street" }, from: "08:00", to: "14:00" }]),
      ["none"],
    );
    const open = run(smallDay([]), ["none"]);
    expect(closed.undisturbed.drivingS).toBe(open.undisturbed.drivingS);
    expect(outcome(closed, "none").drivingS).toBeGreaterThan(closed.undisturbed.drivingS);
    expect(outcome(open, "none").drivingS).toBe(open.undisturbed.drivingS);
  });
});
