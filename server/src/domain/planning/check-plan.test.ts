import { describe, expect, it } from "vitest";
import { checkPlan, type PlanToCheck } from "./check-plan";
import { planeProblem, vehicleAt0 } from "./planning-fixtures";

const problem = planeProblem(
  [
    [0, 0],
    [10, 0],
    [20, 0],
  ],
  {
    vehicles: [
      vehicleAt0("van", { capacity: [10], shift: [0, 100], maxDistanceM: 50 }),
      vehicleAt0("cold", {
        skills: ["fridge"],
        breaks: [{ id: "lunch", timeWindows: [[0, 50]], durationS: 5 }],
      }),
    ],
    jobs: [
      { id: "a", location: 1, amount: [6], timeWindows: [[0, 15]] },
      { id: "b", location: 2, amount: [6], skills: ["fridge"] },
    ],
    shipments: [{ id: "s", amount: [1], pickup: { location: 2 }, delivery: { location: 1 } }],
  },
);

const plan = (routes: PlanToCheck["routes"], unassigned: PlanToCheck["unassigned"] = []): PlanToCheck => ({
  routes,
  unassigned,
});
const steps = (...refs: string[]) =>
  refs.map((ref) => {
    const [type, id] = ref.split(":");
    return { type: type!, id: id! };
  });

describe(checkPlan.name, () => {
  it("finds nothing wrong in a feasible plan and recomputes its distance and cost", () => {
    const result = checkPlan(
      problem,
      plan([
        { vehicleId: "van", steps: steps("job:a") },
        { vehicleId: "cold", steps: steps("job:b", "break:lunch", "pickup:s", "delivery:s") },
      ]),
    );
    expect(result).toMatchObject({ violations: [], distanceM: 20 + 40, cost: 0.06, vehicles: 2 });
    expect(result.routes[0]).toEqual({
      vehicleId: "van",
      steps: [{ type: "job", id: "a", arrivalS: 10, startS: 10, departureS: 10, load: [0] }],
      distanceM: 20,
      durationS: 20,
    });
  });

  it("re-times a route changed by hand, a late stop starting on arrival", () => {
    const result = checkPlan(
      problem,
      plan([{ vehicleId: "cold", steps: steps("pickup:s", "job:b", "delivery:s", "job:a", "break:lunch") }]),
    );
    expect(result.routes[0]!.steps.map((step) => [step.id, step.arrivalS, step.startS])).toEqual([
      ["s", 20, 20],
      ["b", 20, 20],
      ["s", 30, 30],
      ["a", 30, 30],
      ["lunch", 30, 30],
    ]);
    expect(result.violations).toContain("vehicle cold: job a reached at 30, after its windows");
  });

  it("reports late service, overload and missing skills", () => {
    const result = checkPlan(
      problem,
      plan([{ vehicleId: "van", steps: steps("job:b", "job:a") }], [{ type: "shipment", id: "s" }]),
    );
    expect(result.violations).toEqual([
      "vehicle van: load [12] exceeds capacity [10] at the start",
      "vehicle van: job b needs skills [fridge]",
      "vehicle van: job a reached at 30, after its windows",
    ]);
  });

  it("reports a delivery before its pickup, a missing break and jobs served twice or never", () => {
    const result = checkPlan(
      problem,
      plan([
        { vehicleId: "van", steps: steps("job:a") },
        { vehicleId: "cold", steps: steps("delivery:s", "pickup:s", "job:a") },
      ]),
    );
    expect(result.violations).toEqual([
      "vehicle cold: breaks taken [], expected [lunch]",
      "vehicle cold: shipment s is delivered before its pickup",
      "vehicle cold: job a reached at 30, after its windows",
      "vehicle cold: shipment s is picked up but not delivered",
      "job a is served 2 times",
      "job b is neither served nor listed as unassigned",
    ]);
  });

  it("reports a return after the shift and a route longer than allowed", () => {
    const result = checkPlan(
      planeProblem(
        [
          [0, 0],
          [60, 0],
        ],
        {
          vehicles: [vehicleAt0("van", { shift: [0, 100], maxDistanceM: 50, maxDurationS: 90 })],
          jobs: [{ id: "far", location: 1 }],
        },
      ),
      plan([{ vehicleId: "van", steps: steps("job:far") }]),
    );
    expect(result.violations).toEqual([
      "vehicle van: back at 120, after the shift ends at 100",
      "vehicle van: distance 120 exceeds 50",
      "vehicle van: duration 120 exceeds 90",
    ]);
  });
});
