import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan";
import { planeProblem } from "./planning-fixtures";
import type {
  PlanningJob,
  PlanningProblem,
  PlanningShipment,
  PlanningVehicle,
  TimeWindow,
} from "./planning-problem";
import { solvePlan } from "./solve-plan";

const SKILLS = ["lift", "fridge"] as const;

const windows = (): fc.Arbitrary<TimeWindow[] | undefined> =>
  fc.option(
    fc
      .tuple(
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 5, max: 80 }),
        fc.integer({ min: 5, max: 80 }),
      )
      .chain(([start, length, gap]) =>
        fc.constantFrom<TimeWindow[]>(
          [[start, start + length]],
          [
            [start, start + length],
            [start + length + gap, start + 2 * length + gap],
          ],
        ),
      ),
    { nil: undefined },
  );

const stop = (locations: number) =>
  fc.record({
    location: fc.integer({ min: 0, max: locations - 1 }),
    serviceS: fc.integer({ min: 0, max: 10 }),
    timeWindows: windows(),
  });

/** Random small problems with every kind of constraint the model has. */
const problems: fc.Arbitrary<PlanningProblem> = fc.integer({ min: 2, max: 10 }).chain((locations) =>
  fc
    .record({
      points: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), {
        minLength: locations,
        maxLength: locations,
      }),
      vehicles: fc.array(
        fc.record({
          capacity: fc.tuple(fc.integer({ min: 5, max: 15 }), fc.integer({ min: 5, max: 15 })),
          endLocation: fc.option(fc.integer({ min: 0, max: locations - 1 }), { nil: undefined }),
          shiftEnd: fc.integer({ min: 120, max: 400 }),
          skills: fc.subarray([...SKILLS]),
          maxDurationS: fc.option(fc.integer({ min: 50, max: 300 }), { nil: undefined }),
          maxDistanceM: fc.option(fc.integer({ min: 40, max: 200 }), { nil: undefined }),
          costs: fc.option(
            fc.record(
              {
                fixed: fc.integer({ min: 0, max: 50 }),
                perHour: fc.integer({ min: 0, max: 900 }),
                perKm: fc.integer({ min: 0, max: 9 }),
              },
              { requiredKeys: [] },
            ),
            { nil: undefined },
          ),
          lunch: fc.option(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 })), {
            nil: undefined,
          }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      jobs: fc.array(
        fc.record({
          stop: stop(locations),
          pickup: fc.boolean(),
          amount: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
          skill: fc.option(fc.constantFrom(...SKILLS), { nil: undefined }),
        }),
        { maxLength: 9 },
      ),
      shipments: fc.array(
        fc.record({
          pickup: stop(locations),
          delivery: stop(locations),
          amount: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
        }),
        { maxLength: 3 },
      ),
      onRoad: fc.option(
        fc.record({
          location: fc.integer({ min: 0, max: locations - 1 }),
          atS: fc.integer({ min: 0, max: 100 }),
        }),
        { nil: undefined },
      ),
    })
    .map(({ points, vehicles, jobs, shipments, onRoad }) => {
      const held = new Set(vehicles.flatMap((v) => v.skills));
      const committed = onRoad && jobs.length > 0 && jobs[0]!.skill === undefined;
      return planeProblem(points, {
        vehicles: vehicles.map(
          (v, i): PlanningVehicle => ({
            id: `v${i}`,
            capacity: v.capacity,
            startLocation: 0,
            ...(v.endLocation === undefined ? {} : { endLocation: v.endLocation }),
            shift: [0, v.shiftEnd],
            skills: v.skills,
            ...(v.maxDurationS === undefined ? {} : { maxDurationS: v.maxDurationS }),
            ...(v.maxDistanceM === undefined ? {} : { maxDistanceM: v.maxDistanceM }),
            ...(v.costs === undefined ? {} : { costs: v.costs }),
            breaks: v.lunch
              ? [{ id: "lunch", timeWindows: [[v.lunch[0], v.lunch[0] + 40]], durationS: v.lunch[1] }]
              : [],
            // On the road: committed to the first job (possibly late), with room in its shift.
            ...(i === 0 && onRoad
              ? {
                  shift: [0, 10_000] as const,
                  maxDurationS: undefined,
                  maxDistanceM: undefined,
                  breaks: [],
                  onRoad: { ...onRoad, committed: committed ? [{ type: "job" as const, id: "j0" }] : [] },
                }
              : {}),
          }),
        ),
        jobs: jobs.map(
          (job, i): PlanningJob => ({
            id: `j${i}`,
            ...job.stop,
            type: job.pickup ? "pickup" : "delivery",
            amount: job.amount,
            skills: job.skill && held.has(job.skill) ? [job.skill] : [],
          }),
        ),
        shipments: shipments.map((s, i): PlanningShipment => ({ id: `s${i}`, ...s })),
      });
    }),
);

describe("solvePlan on random problems", () => {
  it("returns plans the independent checker finds feasible and costs the same, every task served or explained", () => {
    fc.assert(
      fc.property(problems, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const plan = solvePlan(problem, { iterationLimit: 60, seed });
        const check = checkPlan(problem, plan);
        expect(check.violations).toEqual([]);
        expect(plan.summary.distanceM).toBeCloseTo(check.distanceM, 6);
        expect(plan.summary.cost).toBeCloseTo(check.cost, 6);
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
