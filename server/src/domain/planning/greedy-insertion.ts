import { type CompiledProblem, NodeKind } from "./compiled-problem";
import { BestInsertion, findJobInsertion, findShipmentInsertion, type InsertionNoise } from "./insertion";
import type { WorkingSolution } from "./working-solution";

/**
 * When an unused vehicle may take a task: `always` (cost objective: opening is just a cost) or
 * `when-needed` (vehicles objective: only when no used route can take it).
 */
export type RouteOpening = "always" | "when-needed";

/** Orders in which SISR's recreate inserts the removed tasks, with the paper's weights 4:4:2:1. */
const ORDERS = [
  "random",
  "random",
  "random",
  "random",
  "demand",
  "demand",
  "demand",
  "demand",
  "far",
  "far",
  "close",
] as const;

/**
 * SISR's recreate: inserts tasks one by one, each at its cheapest feasible position over all
 * routes (positions skipped at the blink rate); a task no route can take stays unassigned.
 */
export class GreedyInsertion {
  private readonly best = new BestInsertion();
  private readonly classSeen: Int32Array;
  private stamp = 0;
  /** Sum of the task's amounts, and how far it is from the first vehicle's start. */
  private readonly taskDemand: Float64Array;
  private readonly taskDistance: Float64Array;
  private readonly sortKey: Float64Array;
  /** The same random source without blinks, for a task that found no place with them. */
  private readonly steady: InsertionNoise;

  constructor(
    private readonly problem: CompiledProblem,
    private readonly noise: InsertionNoise,
  ) {
    this.classSeen = new Int32Array(problem.vehicleCount);
    this.taskDemand = new Float64Array(problem.taskCount);
    this.taskDistance = new Float64Array(problem.taskCount);
    this.sortKey = new Float64Array(problem.taskCount);
    this.steady = { random: noise.random, blinkRate: 0 };
    const depot = problem.nodeLocation[problem.vehicleStartNode[0]!]!;
    for (let t = 0; t < problem.taskCount; t++) {
      const node = problem.taskNode[t]!;
      for (let d = 0; d < problem.dimensions; d++)
        this.taskDemand[t]! += problem.nodeAmount[node * problem.dimensions + d]!;
      this.taskDistance[t] = problem.distancesM[depot * problem.locationCount + problem.nodeLocation[node]!]!;
    }
  }

  /** Sorts tasks in one of SISR's orders, drawn at random; higher priority always first. */
  sort(tasks: number[]): void {
    const order = ORDERS[Math.floor(this.noise.random() * ORDERS.length)]!;
    const key = this.sortKey;
    for (const t of tasks) {
      const base =
        order === "random"
          ? this.noise.random()
          : order === "demand"
            ? -this.taskDemand[t]!
            : order === "far"
              ? -this.taskDistance[t]!
              : this.taskDistance[t]!;
      key[t] = base;
    }
    const priority = this.problem.taskPriority;
    tasks.sort((a, b) => priority[b]! - priority[a]! || key[a]! - key[b]! || a - b);
  }

  /**
   * Inserts each task where it is cheapest, using at most `vehicleLimit` vehicles; appends the
   * changed routes to `touched` (once each).
   */
  insert(
    solution: WorkingSolution,
    tasks: readonly number[],
    opening: RouteOpening,
    touched: number[],
    vehicleLimit = Number.POSITIVE_INFINITY,
  ): void {
    let used = solution.routes.reduce((count, route) => count + (route.used ? 1 : 0), 0);
    for (const task of tasks) {
      const first = opening === "always" && used < vehicleLimit ? "all" : "used";
      const mayOpen = opening === "when-needed" && used < vehicleLimit;
      const placed =
        this.findBest(solution, task, first, this.noise) ||
        (mayOpen && this.findBest(solution, task, "unused", this.noise)) ||
        // Blinks diversify where a task goes, never whether it goes.
        this.findBest(solution, task, first, this.steady) ||
        (mayOpen && this.findBest(solution, task, "unused", this.steady));
      if (!placed) continue;
      if (!solution.routes[this.best.route]!.used) used++;
      const { route: r, after, deliveryAfter } = this.best;
      const route = solution.routes[r]!;
      const node = this.problem.taskNode[task]!;
      if (deliveryAfter >= 0) route.insertAfter(deliveryAfter, node + 1);
      route.insertAfter(after, node);
      route.update(this.problem);
      solution.index(r);
      if (!touched.includes(r)) touched.push(r);
    }
  }

  private findBest(
    solution: WorkingSolution,
    task: number,
    routes: "all" | "used" | "unused",
    noise: InsertionNoise,
  ): boolean {
    const { problem, best } = this;
    const node = problem.taskNode[task]!;
    const isShipment = problem.nodeKind[node] === NodeKind.shipmentPickup;
    const compatibleRow = task * problem.vehicleCount;
    const stamp = ++this.stamp;
    best.reset();
    for (let r = 0; r < solution.routes.length; r++) {
      const route = solution.routes[r]!;
      const v = route.vehicle;
      if (problem.compatible[compatibleRow + v] === 0) continue;
      if (route.used ? routes === "unused" : routes === "used") continue;
      if (!route.used) {
        const vehicleClass = problem.vehicleClass[v]!;
        if (this.classSeen[vehicleClass] === stamp) continue;
        this.classSeen[vehicleClass] = stamp;
      }
      if (isShipment) findShipmentInsertion(problem, route, r, node, best, noise);
      else findJobInsertion(problem, route, r, node, best, noise);
    }
    return best.route >= 0;
  }
}
