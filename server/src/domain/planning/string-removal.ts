import { type CompiledProblem, NodeKind } from "./compiled-problem";
import { randomIndex } from "./seeded-random";
import type { WorkingSolution } from "./working-solution";

/** The ruin of SISR (Christiaens & Vanden Berghe 2020), with the paper's parameter names. */
export interface StringRemovalSettings {
  /** c̄: average number of stops removed. */
  readonly averageRemoved: number;
  /** L^max: longest string removed from one route. */
  readonly maxStringLength: number;
  /** Probability of the split-string variant (keeps a substring in the middle). */
  readonly splitRate: number;
  /** β: the kept substring grows while a draw exceeds it. */
  readonly splitDepth: number;
}

/** SISR's ruin: adjacent string removal, its scratch space reused across iterations. */
export class StringRemoval {
  private readonly removed: Uint8Array;
  private readonly ruined: Uint8Array;
  private readonly stops: Int32Array;
  /** A route's sequence before removal, to restore it when removal made it infeasible. */
  private readonly saved: Int32Array;

  /** The solution being ruined (set by `ruin`). */
  private solution!: WorkingSolution;

  constructor(
    problem: CompiledProblem,
    private readonly settings: StringRemovalSettings,
    private readonly random: () => number,
  ) {
    this.removed = new Uint8Array(problem.nodeCount);
    this.ruined = new Uint8Array(problem.vehicleCount);
    this.stops = new Int32Array(problem.nodeCount + 2);
    this.saved = new Int32Array(problem.nodeCount);
  }

  /**
   * Removes strings of consecutive stops from routes near a random stop (each route at most once,
   * committed stops never; a shipment's partner goes with it). Appends the removed tasks to
   * `tasks` and the changed routes to `touched`. `around`: ruin near this node instead (an
   * unserved one, to make room for it).
   */
  ruin(solution: WorkingSolution, tasks: number[], touched: number[], around = -1): void {
    this.solution = solution;
    const { random } = this;
    const { problem, routeOf, positionOf, routes } = solution;
    const seed = around >= 0 ? around : this.randomRoutedNode();
    if (seed < 0) return;
    const maxLength = Math.min(this.settings.maxStringLength, this.averageStops());
    const maxStrings = (4 * this.settings.averageRemoved) / (1 + maxLength) - 1;
    const strings = Math.floor(1 + random() * maxStrings);
    const neighbours = problem.neighbours[seed]!;
    let ruinedCount = 0;
    for (let k = -1; k < neighbours.length && ruinedCount < strings; k++) {
      const node = k < 0 ? seed : neighbours[k]!;
      const r = routeOf[node]!;
      if (r < 0 || this.ruined[r] === 1 || positionOf[node]! <= routes[r]!.lockedCount) continue;
      this.ruined[r] = 1;
      touched.push(r);
      ruinedCount++;
      this.removeString(r, node, maxLength, tasks);
    }
    for (const r of touched) {
      this.ruined[r] = 0;
      this.removeFlaggedFrom(r);
    }
    for (const task of tasks) {
      const node = problem.taskNode[task]!;
      this.removed[node] = 0;
      if (problem.nodePartner[node]! >= 0) this.removed[problem.nodePartner[node]!] = 0;
    }
    let kept = 0;
    for (const task of tasks) if (!solution.isRouted(task)) tasks[kept++] = task;
    tasks.length = kept;
  }

  /**
   * Takes the flagged nodes out of route r. Removing a stop can make a route infeasible when a
   * break then moves to a worse place (or the matrix breaks the triangle inequality): such a
   * route is left as it was.
   */
  private removeFlaggedFrom(r: number): void {
    const { problem, routeOf, routes } = this.solution;
    const route = routes[r]!;
    const length = route.length;
    this.saved.set(route.nodes.subarray(0, length));
    for (let p = 0; p < length; p++) if (this.removed[route.nodes[p]!] === 1) routeOf[route.nodes[p]!] = -1;
    route.removeFlagged(this.removed);
    route.update(problem);
    if (!route.isFeasible(problem)) route.assign(problem, this.saved.subarray(0, length));
    this.solution.index(r);
  }

  private removeString(r: number, node: number, maxLength: number, tasks: number[]): void {
    const { random } = this;
    const count = this.collectStops(r);
    const at = this.stops.indexOf(this.solution.positionOf[node]!);
    const length = Math.floor(1 + random() * Math.min(count, maxLength));
    if (length === count || random() >= this.settings.splitRate) {
      const first = clamp(at - randomIndex(random, length), 0, count - length);
      for (let s = first; s < first + length; s++) this.removeStop(r, s, tasks);
      return;
    }
    let kept = 1;
    while (length + kept < count && random() > this.settings.splitDepth) kept++;
    const span = length + kept;
    const first = clamp(at - randomIndex(random, span), 0, count - span);
    const keptFrom = first + randomIndex(random, length + 1);
    for (let s = first; s < first + span; s++)
      if (s < keptFrom || s >= keptFrom + kept) this.removeStop(r, s, tasks);
  }

  /** Positions of the removable stops of route r (not committed, not breaks) into `stops`. */
  private collectStops(r: number): number {
    const route = this.solution.routes[r]!;
    const { nodeKind } = this.solution.problem;
    let count = 0;
    for (let p = route.lockedCount + 1; p < route.length - 1; p++)
      if (nodeKind[route.nodes[p]!]! < NodeKind.break) this.stops[count++] = p;
    this.stops[count] = -1;
    return count;
  }

  private removeStop(r: number, s: number, tasks: number[]): void {
    const { problem } = this.solution;
    const node = this.solution.routes[r]!.nodes[this.stops[s]!]!;
    if (this.removed[node] === 1) return;
    const partner = problem.nodePartner[node]!;
    this.removed[node] = 1;
    if (partner >= 0) this.removed[partner] = 1;
    tasks.push(problem.nodeOwner[node]!);
  }

  private averageStops(): number {
    let stops = 0;
    let used = 0;
    for (const route of this.solution.routes) {
      if (!route.used) continue;
      stops += route.taskStops;
      used++;
    }
    return used === 0 ? 1 : stops / used;
  }

  private randomRoutedNode(): number {
    const { problem } = this.solution;
    for (let attempt = 0; attempt < 8; attempt++) {
      const task = randomIndex(this.random, problem.taskCount);
      const node = problem.taskNode[task]!;
      const r = this.solution.routeOf[node]!;
      if (r >= 0 && this.solution.positionOf[node]! > this.solution.routes[r]!.lockedCount) return node;
    }
    return -1;
  }
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
