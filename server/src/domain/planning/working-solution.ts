import type { CompiledProblem } from "./compiled-problem";
import { RouteState } from "./route-state";

/** The value of a solution, compared lexicographically: unserved weight, then vehicles, then cost. */
export interface SolutionValue {
  /** Sum of (1 + priority) over the unserved jobs and shipments. */
  unassignedWeight: number;
  unassigned: number;
  vehicles: number;
  cost: number;
}

/**
 * A complete assignment during the search: one route per vehicle (unused ones hold only their
 * breaks and committed stops) and, for every node, its route and position (-1: not routed).
 */
export class WorkingSolution {
  readonly routes: RouteState[];
  readonly routeOf: Int32Array;
  readonly positionOf: Int32Array;

  constructor(readonly problem: CompiledProblem) {
    this.routes = Array.from({ length: problem.vehicleCount }, (_, v) => RouteState.initial(problem, v));
    this.routeOf = new Int32Array(problem.nodeCount).fill(-1);
    this.positionOf = new Int32Array(problem.nodeCount).fill(-1);
    for (let r = 0; r < this.routes.length; r++) this.index(r);
  }

  /** Records where the nodes of route r are (after the route changed). */
  index(r: number): void {
    const route = this.routes[r]!;
    for (let p = 0; p < route.length; p++) {
      const node = route.nodes[p]!;
      this.routeOf[node] = r;
      this.positionOf[node] = p;
    }
  }

  /** Makes routes `touched` equal to `other`'s (same problem), nodes' places included. */
  copyRoutesFrom(other: WorkingSolution, touched: readonly number[]): void {
    for (const r of touched) {
      const route = this.routes[r]!;
      for (let p = 0; p < route.length; p++) this.routeOf[route.nodes[p]!] = -1;
    }
    for (const r of touched) {
      this.routes[r]!.copyFrom(other.routes[r]!);
      this.index(r);
    }
  }

  /** Makes this solution equal to `other`. */
  copyFrom(other: WorkingSolution): void {
    this.copyRoutesFrom(
      other,
      this.routes.map((_, r) => r),
    );
  }

  /** The node sequence of every route: enough to rebuild the solution (see `restore`). */
  snapshot(): Int32Array[] {
    return this.routes.map((route) => route.nodes.slice(0, route.length));
  }

  /** Makes this solution the one `snapshot` recorded. */
  restore(sequences: readonly Int32Array[]): void {
    this.routeOf.fill(-1);
    sequences.forEach((sequence, r) => {
      this.routes[r]!.assign(this.problem, sequence);
      this.index(r);
    });
  }

  /** Takes every task out of route r (committed stops stay): the vehicle becomes unused. */
  clearRoute(r: number): void {
    const route = this.routes[r]!;
    for (let p = 0; p < route.length; p++) this.routeOf[route.nodes[p]!] = -1;
    const initial = RouteState.initial(this.problem, route.vehicle);
    route.assign(this.problem, initial.nodes.subarray(0, initial.length));
    this.index(r);
  }

  /** Whether task t is served. */
  isRouted(task: number): boolean {
    return this.routeOf[this.problem.taskNode[task]!]! >= 0;
  }

  /** Tasks not in any route. */
  unassignedTasks(): number[] {
    const out: number[] = [];
    for (let t = 0; t < this.problem.taskCount; t++) if (!this.isRouted(t)) out.push(t);
    return out;
  }

  value(): SolutionValue {
    const { problem } = this;
    let unassignedWeight = 0;
    let unassigned = 0;
    for (let t = 0; t < problem.taskCount; t++) {
      if (this.isRouted(t)) continue;
      unassigned++;
      unassignedWeight += 1 + problem.taskPriority[t]!;
    }
    let vehicles = 0;
    let cost = 0;
    for (const route of this.routes) {
      if (!route.used) continue;
      vehicles++;
      cost += route.cost(problem);
    }
    return { unassignedWeight, unassigned, vehicles, cost };
  }
}
