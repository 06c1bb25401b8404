import type { PlanningProblem, PlanningVehicle } from "./planning-problem";

/**
 * A problem on points of the plane for tests: location i is `points[i]`, travel time (s) and
 * distance (m) are both the Euclidean distance, and each vehicle defaults to a depot at location
 * 0 with capacity [100] and no other constraint.
 *
 * @example
 * planeProblem([[0, 0], [10, 0]], { vehicles: [vehicleAt0("van")], jobs: [{ id: "a", location: 1 }] });
 */
export function planeProblem(
  points: readonly (readonly [number, number])[],
  rest: Omit<PlanningProblem, "matrices">,
): PlanningProblem {
  const size = points.length;
  const cells = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      cells[i * size + j] = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
  return { matrices: { size, durationsS: cells, distancesM: cells }, ...rest };
}

/** A vehicle based at location 0 (start and end), capacity [100], overridable field by field. */
export function vehicleAt0(id: string, overrides: Partial<PlanningVehicle> = {}): PlanningVehicle {
  return { id, capacity: [100], startLocation: 0, endLocation: 0, ...overrides };
}

/** Steps of each route as `type:id` strings, start and end left out: what a test compares. */
export function routeSteps(plan: {
  routes: readonly { steps: readonly { type: string; id?: string }[] }[];
}): string[][] {
  return plan.routes.map((route) =>
    route.steps
      .filter((step) => step.type !== "start" && step.type !== "end")
      .map((step) => `${step.type}:${step.id}`),
  );
}
