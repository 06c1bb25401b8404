import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan";
import { planeProblem, vehicleAt0 } from "./planning-fixtures";
import { parseSolomon } from "./solomon-parser";
import { solvePlan } from "./solve-plan";
import { routesDistance, vrptwToProblem } from "./vrptw-instance";

const solomonDir = fileURLToPath(new URL("../../../../../shared/data/vrp/solomon/", import.meta.url));
const hasSolomon = existsSync(solomonDir);

/** Shortest total distance serving every customer, by trying every order and every split into routes. */
function bruteForceOptimum(
  points: readonly (readonly [number, number])[],
  demands: readonly number[],
  capacity: number,
): number {
  const distance = (a: number, b: number) =>
    Math.hypot(points[a]![0] - points[b]![0], points[a]![1] - points[b]![1]);
  const customers = demands.map((_, i) => i + 1);
  let best = Number.POSITIVE_INFINITY;
  const permute = (order: number[], rest: number[]) => {
    if (rest.length > 0) {
      for (const [i, c] of rest.entries())
        permute([...order, c], [...rest.slice(0, i), ...rest.slice(i + 1)]);
      return;
    }
    // Every way to cut the order into consecutive routes: bit k set = a new route after position k.
    for (let cuts = 0; cuts < 1 << (order.length - 1); cuts++) {
      let total = distance(0, order[0]!);
      let load = demands[order[0]! - 1]!;
      let feasible = true;
      for (let k = 1; k < order.length && feasible; k++) {
        if (cuts & (1 << (k - 1))) {
          total += distance(order[k - 1]!, 0) + distance(0, order[k]!);
          load = 0;
        } else total += distance(order[k - 1]!, order[k]!);
        load += demands[order[k]! - 1]!;
        feasible = load <= capacity;
      }
      if (feasible) best = Math.min(best, total + distance(order.at(-1)!, 0));
    }
  };
  permute([], customers);
  return best;
}

describe("solvePlan solution quality", () => {
  it("solves a small capacitated instance to the optimum that exhaustive search finds", () => {
    const points = [
      [0, 0],
      [12, 3],
      [-7, 9],
      [4, -11],
      [15, 14],
      [-10, -6],
      [3, 18],
      [-14, 2],
    ] as const;
    const demands = [4, 3, 5, 2, 6, 3, 4];
    const optimum = bruteForceOptimum(points, demands, 10);
    const problem = planeProblem(points, {
      vehicles: ["a", "b", "c", "d"].map((id) => vehicleAt0(id, { capacity: [10] })),
      jobs: demands.map((demand, i) => ({ id: `c${i + 1}`, location: i + 1, amount: [demand] })),
    });
    const plan = solvePlan(problem, { iterationLimit: 2000, seed: 1 });
    expect(checkPlan(problem, plan).violations).toEqual([]);
    expect(plan.summary.distanceM).toBeCloseTo(optimum, 9);
  });

  it.skipIf(!hasSolomon)(
    `reaches the best-known C101 solution (828.9369) in 3,000 iterations${hasSolomon ? "" : " (skipped: ../shared/data/vrp is absent)"}`,
    () => {
      const instance = parseSolomon(readFileSync(`${solomonDir}C101.txt`, "utf8"));
      const problem = vrptwToProblem(instance);
      const plan = solvePlan(problem, { iterationLimit: 3000, seed: 1 });
      expect(checkPlan(problem, plan).violations).toEqual([]);
      const routes = plan.routes.map((route) =>
        route.steps.filter((s) => s.type === "job").map((s) => Number(s.id)),
      );
      expect(routesDistance(instance, routes)).toBeCloseTo(828.9369, 4);
      expect(plan.routes).toHaveLength(10);
    },
  );
});
