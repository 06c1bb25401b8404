import { describe, expect, it } from "vitest";
import { planeProblem, vehicleAt0 } from "./planning-fixtures";
import { PlanningInputError } from "./planning-input-error";
import type { PlanningProblem } from "./planning-problem";
import { validateProblem } from "./validate-problem";

const base = (): PlanningProblem =>
  planeProblem(
    [
      [0, 0],
      [10, 0],
    ],
    {
      vehicles: [vehicleAt0("van", { skills: ["lift"] })],
      jobs: [{ id: "a", location: 1, amount: [5] }],
    },
  );

/** The error validateProblem throws for the problem, as field and message. */
function errorOf(problem: PlanningProblem): { field: string; message: string } {
  try {
    validateProblem(problem);
  } catch (error) {
    if (error instanceof PlanningInputError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a PlanningInputError");
}

describe(validateProblem.name, () => {
  it("accepts a consistent problem", () => {
    expect(() => validateProblem(base())).not.toThrow();
  });

  it("rejects a window that ends before it starts, naming it", () => {
    const problem = base();
    const bad = { ...problem, jobs: [{ ...problem.jobs[0]!, timeWindows: [[900, 600] as const] }] };
    expect(errorOf(bad)).toEqual({
      field: "jobs[0].timeWindows[0]",
      message: "jobs[0].timeWindows[0]: start 900 is after end 600",
    });
  });

  it("rejects overlapping windows and a shift that ends before it starts", () => {
    const problem = base();
    const overlapping = {
      ...problem,
      jobs: [{ ...problem.jobs[0]!, timeWindows: [[0, 10] as const, [5, 20] as const] }],
    };
    expect(errorOf(overlapping).field).toBe("jobs[0].timeWindows[1]");
    const shift = { ...problem, vehicles: [vehicleAt0("van", { shift: [100, 50] })] };
    expect(errorOf(shift).field).toBe("vehicles[0].shift");
  });

  it("rejects a demand above every vehicle's capacity", () => {
    const problem = base();
    const heavy = { ...problem, jobs: [{ ...problem.jobs[0]!, amount: [101] }] };
    expect(errorOf(heavy)).toEqual({
      field: "jobs[0].amount",
      message: "jobs[0].amount: [101] exceeds the capacity of every vehicle",
    });
  });

  it("rejects a skill no vehicle has", () => {
    const problem = base();
    const skilled = { ...problem, jobs: [{ ...problem.jobs[0]!, skills: ["lift", "crane"] }] };
    expect(errorOf(skilled)).toEqual({
      field: "jobs[0].skills[1]",
      message: 'jobs[0].skills[1]: no vehicle has skill "crane"',
    });
  });

  it("rejects matrices of the wrong size and locations outside them", () => {
    const problem = base();
    const short = { ...problem, matrices: { ...problem.matrices, distancesM: [0, 1, 1] } };
    expect(errorOf(short).field).toBe("matrices.distancesM");
    const outside = { ...problem, jobs: [{ ...problem.jobs[0]!, location: 2 }] };
    expect(errorOf(outside).message).toBe(
      "jobs[0].location: expected a location index in [0, 1] (the matrix size), got 2",
    );
  });

  it("rejects amounts and capacities of another dimension, and duplicate ids", () => {
    const problem = base();
    expect(errorOf({ ...problem, jobs: [{ ...problem.jobs[0]!, amount: [1, 2] }] }).field).toBe(
      "jobs[0].amount",
    );
    expect(
      errorOf({ ...problem, vehicles: [...problem.vehicles, vehicleAt0("van2", { capacity: [1, 1] })] })
        .field,
    ).toBe("vehicles[1].capacity");
    expect(errorOf({ ...problem, jobs: [problem.jobs[0]!, problem.jobs[0]!] }).field).toBe("jobs[1].id");
  });

  it("rejects committed stops that are unknown, split a shipment or overload the vehicle", () => {
    const problem: PlanningProblem = {
      ...base(),
      shipments: [{ id: "s", amount: [1], pickup: { location: 1 }, delivery: { location: 0 } }],
    };
    const onRoad = (committed: NonNullable<PlanningProblem["vehicles"][0]["onRoad"]>) => ({
      ...problem,
      vehicles: [vehicleAt0("van", { onRoad: committed })],
    });
    expect(errorOf(onRoad({ location: 0, atS: 0, committed: [{ type: "job", id: "nope" }] })).message).toBe(
      'vehicles[0].onRoad.committed[0]: unknown job "nope"',
    );
    expect(errorOf(onRoad({ location: 0, atS: 0, committed: [{ type: "pickup", id: "s" }] })).field).toBe(
      "vehicles[0].onRoad.committed",
    );
    expect(
      errorOf(onRoad({ location: 0, atS: 0, loadOnBoard: [99], committed: [{ type: "job", id: "a" }] }))
        .field,
    ).toBe("vehicles[0].onRoad");
  });
});
