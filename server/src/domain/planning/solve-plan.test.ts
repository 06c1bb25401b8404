import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan";
import { planeProblem, routeSteps, vehicleAt0 } from "./planning-fixtures";
import type { PlanningProblem } from "./planning-problem";
import type { PlanningSolution, SolveOptions } from "./planning-solution";
import { solvePlan } from "./solve-plan";

const QUICK: SolveOptions = { iterationLimit: 300, seed: 7 };

/** Solves and asserts that the independent checker finds nothing wrong. */
function solveFeasibly(problem: PlanningProblem, options: SolveOptions = QUICK): PlanningSolution {
  const plan = solvePlan(problem, options);
  expect(checkPlan(problem, plan).violations).toEqual([]);
  return plan;
}

const line = (...xs: number[]) => xs.map((x) => [x, 0] as const);

describe(solvePlan.name, () => {
  it("serves jobs in the order their time windows impose, waiting when early", () => {
    const problem = planeProblem(line(0, 10, 20), {
      vehicles: [vehicleAt0("van")],
      jobs: [
        { id: "near", location: 1, timeWindows: [[100, 120]] },
        { id: "far", location: 2, timeWindows: [[0, 30]] },
      ],
    });
    const plan = solveFeasibly(problem);
    expect(routeSteps(plan)).toEqual([["job:far", "job:near"]]);
    const near = plan.routes[0]!.steps[2]!;
    expect(near).toMatchObject({ arrivalS: 30, startS: 100, departureS: 100 });
  });

  it("splits jobs over vehicles when one vehicle's capacity is exceeded in any dimension", () => {
    const problem = planeProblem(line(0, 1, 2, 3), {
      vehicles: ["a", "b"].map((id) => vehicleAt0(id, { capacity: [10, 5] })),
      jobs: [
        { id: "heavy", location: 1, amount: [8, 1] },
        { id: "bulky", location: 2, amount: [1, 4] },
        { id: "both", location: 3, amount: [2, 2] },
      ],
    });
    const plan = solveFeasibly(problem);
    expect(plan.routes).toHaveLength(2);
    for (const route of plan.routes) expect(route.steps[0]!.load[0]).toBeLessThanOrEqual(10);
  });

  it("leaves a job that is only open after the shift unassigned, with the reason", () => {
    const problem = planeProblem(line(0, 10), {
      vehicles: [vehicleAt0("van", { shift: [0, 100] })],
      jobs: [{ id: "late", location: 1, timeWindows: [[200, 300]] }],
    });
    const plan = solveFeasibly(problem);
    expect(plan.unassigned).toEqual([{ type: "job", id: "late", reason: "time_window_unreachable" }]);
  });

  it("gives a job to the vehicle with its skills and allowed ids", () => {
    const problem = planeProblem(line(0, 10, 20), {
      vehicles: [
        vehicleAt0("plain"),
        vehicleAt0("cold", { skills: ["fridge"] }),
        vehicleAt0("other", { skills: ["fridge"] }),
      ],
      jobs: [
        { id: "frozen", location: 1, skills: ["fridge"], vehicleIds: ["cold"] },
        { id: "parcel", location: 2, vehicleIds: ["plain"] },
      ],
    });
    const plan = solveFeasibly(problem);
    const byVehicle = Object.fromEntries(
      plan.routes.map((r) => [r.vehicleId, routeSteps({ routes: [r] })[0]]),
    );
    expect(byVehicle).toEqual({ cold: ["job:frozen"], plain: ["job:parcel"] });
  });

  it("explains unserved jobs: skills, capacity, duration, distance, fleet", () => {
    const problem = planeProblem(line(0, 10, 20, 400, 1), {
      vehicles: [
        vehicleAt0("a", { skills: ["lift"], capacity: [5], maxDurationS: 500, maxDistanceM: 700 }),
        vehicleAt0("b", { skills: ["fridge"], capacity: [50], maxDurationS: 500, maxDistanceM: 700 }),
      ],
      jobs: [
        { id: "both-skills", location: 1, skills: ["lift", "fridge"] },
        { id: "heavy-lift", location: 2, skills: ["lift"], amount: [20] },
        { id: "far", location: 3, serviceS: 0 },
        { id: "long", location: 1, serviceS: 600 },
        { id: "fits-1", location: 4, amount: [30], skills: ["fridge"] },
        { id: "fits-2", location: 4, amount: [30], skills: ["fridge"] },
      ],
    });
    const plan = solveFeasibly(problem);
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.id, u.reason]));
    expect(reasons).toEqual({
      "both-skills": "no_vehicle_with_skills",
      "heavy-lift": "demand_exceeds_capacity",
      far: "max_distance",
      long: "max_duration",
      [reasons["fits-1"] ? "fits-1" : "fits-2"]: "fleet_exhausted",
    });
  });

  it("picks up before delivering, in the same vehicle, within capacity", () => {
    const problem = planeProblem(line(0, 10, 20, 30, 40), {
      vehicles: [vehicleAt0("van", { capacity: [1] })],
      jobs: [],
      shipments: [
        { id: "s1", amount: [1], pickup: { location: 3 }, delivery: { location: 1 } },
        { id: "s2", amount: [1], pickup: { location: 4 }, delivery: { location: 2 } },
      ],
    });
    const [steps] = routeSteps(solveFeasibly(problem));
    expect(steps).toHaveLength(4);
    for (const id of ["s1", "s2"]) {
      expect(steps!.indexOf(`pickup:${id}`)).toBe(steps!.indexOf(`delivery:${id}`) - 1);
    }
  });

  it("takes every break inside its window, where the vehicle is", () => {
    const problem = planeProblem(line(0, 10, 20), {
      vehicles: [vehicleAt0("van", { breaks: [{ id: "lunch", timeWindows: [[15, 25]], durationS: 30 }] })],
      jobs: [
        { id: "a", location: 1, serviceS: 5 },
        { id: "b", location: 2, serviceS: 5 },
      ],
    });
    const plan = solveFeasibly(problem);
    const lunch = plan.routes[0]!.steps.find((step) => step.type === "break")!;
    expect(lunch.startS).toBeGreaterThanOrEqual(15);
    expect(lunch.startS).toBeLessThanOrEqual(25);
    expect(lunch.departureS - lunch.startS).toBe(30);
  });

  it("keeps a vehicle on the road's committed stops first and counts its load on board", () => {
    const problem = planeProblem(line(0, 10, 20, 30, 5), {
      vehicles: [
        vehicleAt0("moving", {
          capacity: [10],
          onRoad: {
            location: 4,
            atS: 500,
            loadOnBoard: [6],
            committed: [
              { type: "job", id: "c2" },
              { type: "job", id: "c1" },
            ],
          },
        }),
        vehicleAt0("spare", { capacity: [10] }),
      ],
      jobs: [
        { id: "c1", location: 1, timeWindows: [[0, 400]] },
        { id: "c2", location: 3 },
        { id: "pick", location: 2, type: "pickup", amount: [5] },
        { id: "drop", location: 2, amount: [3], vehicleIds: ["moving"] },
      ],
    });
    const plan = solveFeasibly(problem);
    const moving = plan.routes.find((route) => route.vehicleId === "moving")!;
    expect(routeSteps({ routes: [moving] })[0]!.slice(0, 2)).toEqual(["job:c2", "job:c1"]);
    expect(moving.steps[0]).toMatchObject({ location: 4, startS: 500, load: [9] });
    expect(moving.steps[2]!.lateS).toBeGreaterThan(0);
    const spare = plan.routes.find((route) => route.vehicleId === "spare");
    expect(routeSteps({ routes: [spare!] })).toEqual([["job:pick"]]);
  });

  it("ends an open route at its last stop", () => {
    const problem = planeProblem(line(0, 10, 20), {
      vehicles: [{ id: "van", capacity: [5], startLocation: 0 }],
      jobs: [
        { id: "a", location: 1 },
        { id: "b", location: 2 },
      ],
    });
    const plan = solveFeasibly(problem);
    expect(plan.routes[0]!.steps.map((s) => s.type)).toEqual(["start", "job", "job"]);
    expect(plan.summary.distanceM).toBe(20);
  });

  it("serves high-priority jobs first when the fleet cannot serve all", () => {
    const problem = planeProblem(line(0, 1, 50), {
      vehicles: [vehicleAt0("van", { capacity: [1] })],
      jobs: [
        { id: "cheap", location: 1, amount: [1] },
        { id: "urgent", location: 2, amount: [1], priority: 10 },
      ],
    });
    expect(routeSteps(solveFeasibly(problem))).toEqual([["job:urgent"]]);
  });

  it("uses fewer vehicles with the vehicles objective, and with fixed costs, than by distance alone", () => {
    // Going from a to b directly is a long detour: by distance, two vehicles are cheaper.
    const cells = [0, 10, 10, 10, 0, 100, 10, 100, 0];
    const problem = (fixed?: number): PlanningProblem => ({
      matrices: { size: 3, durationsS: cells, distancesM: cells },
      vehicles: ["v1", "v2"].map((id) =>
        vehicleAt0(id, fixed === undefined ? {} : { costs: { fixed, perKm: 1 } }),
      ),
      jobs: [
        { id: "a", location: 1 },
        { id: "b", location: 2 },
      ],
    });
    expect(solveFeasibly(problem()).routes).toHaveLength(2);
    expect(solveFeasibly(problem(), { ...QUICK, objective: "vehicles" }).routes).toHaveLength(1);
    expect(solveFeasibly(problem(1)).routes).toHaveLength(1);
  });

  it("finds the same routes for the same seed and iteration limit", () => {
    const points = Array.from(
      { length: 30 },
      (_, i) => [Math.cos(i * 2.1) * (10 + i), Math.sin(i * 1.7) * (20 - i / 2)] as const,
    );
    const problem = planeProblem([[0, 0], ...points], {
      vehicles: ["a", "b", "c", "d"].map((id) => vehicleAt0(id, { capacity: [9] })),
      jobs: points.map((_, i) => ({
        id: `j${i}`,
        location: i + 1,
        amount: [1],
        timeWindows: [[0, 40 + 3 * i]],
      })),
    });
    const options = { iterationLimit: 400, seed: 3 };
    expect(routeSteps(solvePlan(problem, options))).toEqual(routeSteps(solvePlan(problem, options)));
  });

  it("returns an empty plan at once when there is nothing to plan", () => {
    const problem = planeProblem(line(0, 1), { vehicles: [vehicleAt0("van")], jobs: [] });
    const plan = solvePlan(problem, { timeLimitMs: 60_000, now: () => performance.now() });
    expect(plan.routes).toEqual([]);
    expect(plan.search.iterations).toBe(0);
  });

  it("stops when cancelled and reports progress until the end", () => {
    const problem = planeProblem(line(0, 1, 2), {
      vehicles: [vehicleAt0("van")],
      jobs: [{ id: "a", location: 1 }],
    });
    const seen: number[] = [];
    let polls = 0;
    const plan = solvePlan(problem, {
      isCancelled: () => ++polls > 3,
      onProgress: (p) => seen.push(p.cost),
      now: () => 0,
    });
    expect(plan.search.cancelled).toBe(true);
    expect(seen.at(-1)).toBeCloseTo(0.002);
  });
});
