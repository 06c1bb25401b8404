import { afterAll, describe, expect, it } from "vitest";
import { PlanningInputError } from "../../domain/planning/planning-input-error";
import type { PlanningProblem } from "../../domain/planning/planning-problem";
import type { SolveProgress } from "../../domain/planning/planning-solution";
import { PlanningWorkers } from "./planning-workers";

/** 60 jobs on a ring around the depot, two vans: enough for the search to run a while. */
function ringProblem(): PlanningProblem {
  const points: [number, number][] = [[0, 0]];
  for (let i = 0; i < 60; i++) points.push([Math.cos(i) * (20 + (i % 7)), Math.sin(i) * (20 + (i % 5))]);
  const size = points.length;
  const cells = Array.from({ length: size * size }, (_, k) => {
    const [a, b] = [points[Math.floor(k / size)]!, points[k % size]!];
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  });
  return {
    matrices: { size, durationsS: cells, distancesM: cells },
    vehicles: ["a", "b"].map((id) => ({ id, capacity: [40], startLocation: 0, endLocation: 0 })),
    jobs: points.slice(1).map((_, i) => ({ id: `j${i}`, location: i + 1, amount: [1] })),
  };
}

const workers = new PlanningWorkers(1);
afterAll(() => workers.close());

describe(PlanningWorkers.name, () => {
  it("plans in a worker thread, reporting the best cost as it improves", async () => {
    const progress: SolveProgress[] = [];
    const run = workers.solve(ringProblem(), { iterationLimit: 2000, seed: 1 }, (p) => progress.push(p));
    const plan = await run.result;
    expect(plan.summary.unassigned).toBe(0);
    expect(plan.routes.flatMap((r) => r.steps.filter((s) => s.type === "job"))).toHaveLength(60);
    expect(progress.at(-1)!.cost).toBeCloseTo(plan.summary.cost, 9);
    expect(progress.at(-1)!.iterations).toBe(2000);
  });

  it("stops a run on cancel and returns the best plan so far", async () => {
    let cancelled = false;
    const run = workers.solve(ringProblem(), { timeLimitMs: 60_000, progressIntervalMs: 0 }, () => {
      if (!cancelled) run.cancel();
      cancelled = true;
    });
    const plan = await run.result;
    expect(plan.search.cancelled).toBe(true);
    expect(plan.search.elapsedMs).toBeLessThan(30_000);
    expect(plan.summary.unassigned).toBe(0);
  });

  it("rejects bad input at once, naming the field", () => {
    const problem = ringProblem();
    const bad = { ...problem, jobs: [{ ...problem.jobs[0]!, amount: [41] }] };
    expect(() => workers.solve(bad, { iterationLimit: 1 })).toThrow(PlanningInputError);
  });
});
