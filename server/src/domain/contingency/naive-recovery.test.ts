import { describe, expect, it } from "vitest";
import { checkPlan } from "../planning/check-plan";
import type { PlanningProblem, PlanningShipment } from "../planning/planning-problem";
import { naiveRecovery } from "./naive-recovery";

/** Locations on a straight road, km from the depot; a minute per km. */
const KM = [0, 1, 5, 9, 8, 2, 6, 7, 10, 1.5, 9.5, 3];
const [DEPOT, AT_A, AT_B, AT_C, BROKEN] = [0, 1, 2, 3, 4];
const size = KM.length;
const matrices = {
  size,
  durationsS: KM.flatMap((a) => KM.map((b) => Math.abs(a - b) * 60)),
  distancesM: KM.flatMap((a) => KM.map((b) => Math.abs(a - b) * 1000)),
};
const vehicle = (id: string, at: number, capacityKg: number) => ({
  id,
  capacity: [capacityKg],
  startLocation: at,
  endLocation: DEPOT,
  onRoad: { location: at, atS: 0 },
});
const transfer = (id: string, to: number, kg: number): PlanningShipment => ({
  id,
  amount: [kg],
  pickup: { location: BROKEN, serviceS: 300 },
  delivery: { location: to, serviceS: 60 },
});
const fromDepot = (id: string, to: number, kg: number): PlanningShipment => ({
  id,
  amount: [kg],
  pickup: { location: DEPOT },
  delivery: { location: to, serviceS: 60 },
});

const problem: PlanningProblem = {
  matrices,
  vehicles: [vehicle("A", AT_A, 50), vehicle("B", AT_B, 50), vehicle("C", AT_C, 10)],
  jobs: [
    { id: "a1", location: 5, amount: [5], vehicleIds: ["A"] },
    { id: "a2", location: 11, amount: [5], vehicleIds: ["A"] },
    { id: "b1", location: 6, amount: [5], vehicleIds: ["B"] },
  ],
  shipments: [transfer("t1", 7, 8), transfer("t2", 8, 8), fromDepot("n1", 9, 5), fromDepot("n2", 10, 5)],
};

describe(naiveRecovery.name, () => {
  it("keeps each route and appends the stranded goods to the nearest vehicle with room, new orders to the nearest to them", () => {
    const plan = naiveRecovery(
      problem,
      new Map([
        ["A", ["a2", "a1"]],
        ["B", ["b1"]],
      ]),
      DEPOT,
    );
    const steps = (id: string) =>
      plan.routes.find((route) => route.vehicleId === id)?.steps.map((s) => `${s.type}:${s.id}`);
    // C is nearest to the broken van but cannot take 16 kg: B (3 min away) collects both.
    expect(steps("B")).toEqual(["job:b1", "pickup:t1", "pickup:t2", "delivery:t1", "delivery:t2"]);
    // n1's address is nearest to A, n2's to C (which has room for 5 kg).
    expect(steps("A")).toEqual(["job:a2", "job:a1", "pickup:n1", "delivery:n1"]);
    expect(steps("C")).toEqual(["pickup:n2", "delivery:n2"]);
    expect(plan.unassigned).toEqual([]);
    expect(checkPlan(problem, plan).violations).toEqual([]);
  });

  it("takes several new orders to one vehicle in one depot trip, and leaves out what no vehicle has room for", () => {
    const crowded: PlanningProblem = {
      ...problem,
      jobs: [],
      shipments: [fromDepot("n1", 9, 5), fromDepot("n3", 5, 5), fromDepot("big", 9, 60)],
    };
    const plan = naiveRecovery(crowded, new Map(), DEPOT);
    expect(plan.routes).toEqual([
      {
        vehicleId: "A",
        steps: [
          { type: "pickup", id: "n1" },
          { type: "pickup", id: "n3" },
          { type: "delivery", id: "n1" },
          { type: "delivery", id: "n3" },
        ],
      },
    ]);
    expect(plan.unassigned).toEqual([{ type: "shipment", id: "big" }]);
  });

  it("puts a committed stop first even when the current order says otherwise", () => {
    const committed: PlanningProblem = {
      ...problem,
      vehicles: [
        {
          ...vehicle("A", AT_A, 50),
          onRoad: { location: AT_A, atS: 0, committed: [{ type: "job", id: "a1" }] },
        },
      ],
      jobs: problem.jobs.slice(0, 2),
      shipments: [],
    };
    const plan = naiveRecovery(committed, new Map([["A", ["a2", "a1"]]]), DEPOT);
    expect(plan.routes[0]?.steps.map((s) => s.id)).toEqual(["a1", "a2"]);
  });
});
