import { type CompiledProblem, NodeKind } from "./compiled-problem";
import * as timeWindows from "./time-windows";

// Module-local references, read once: tsx runs modules as CommonJS, where every use of an import
// is a getter call, and the update loops below run for every position of every changed route.
const { break: BREAK, deliveryJob: DELIVERY_JOB } = NodeKind;
const { earliestStartS, latestStartS, windowEndAtS } = timeWindows;

/**
 * One vehicle's route during the search, position 0 its start and `length - 1` its end, with the
 * arrays that make an insertion check constant-time: earliest service starts (forward), latest
 * feasible arrivals (backward), loads on each leg and their prefix and suffix maxima.
 */
export class RouteState {
  /** Positions, start and end included. */
  length = 2;
  /** Job and shipment stops in the route (breaks, start and end excluded). */
  taskStops = 0;
  nodes: Int32Array;
  /** Location of each position; a break has the location of the position before it. */
  location: Int32Array;
  /** Earliest service start at each position. */
  startS: Float64Array;
  /** Latest arrival at each position that keeps the rest of the route feasible. */
  latestS: Float64Array;
  /** The next position that is not a break. */
  nextStop: Int32Array;
  /** Load leaving each position, `position * dimensions + d`. */
  load: Float64Array;
  /** Maximum of `load` over positions 0..p and p..end. */
  prefixMaxLoad: Float64Array;
  suffixMaxLoad: Float64Array;
  distanceM = 0;
  /** Travel cost, without the fixed cost. */
  travelCost = 0;

  constructor(
    readonly vehicle: number,
    /** Positions 1..lockedCount are committed stops: nothing is removed or inserted before them. */
    readonly lockedCount: number,
    capacity: number,
    private readonly dimensions: number,
  ) {
    this.nodes = new Int32Array(capacity);
    this.location = new Int32Array(capacity);
    this.startS = new Float64Array(capacity);
    this.latestS = new Float64Array(capacity);
    this.nextStop = new Int32Array(capacity);
    this.load = new Float64Array(capacity * dimensions);
    this.prefixMaxLoad = new Float64Array(capacity * dimensions);
    this.suffixMaxLoad = new Float64Array(capacity * dimensions);
  }

  /** The route with its committed stops and breaks only. */
  static initial(problem: CompiledProblem, vehicle: number): RouteState {
    const committed = problem.vehicleCommittedNodes[vehicle]!;
    const breaks = problem.vehicleBreakNodes[vehicle]!;
    const route = new RouteState(
      vehicle,
      committed.length,
      16 + committed.length + breaks.length,
      problem.dimensions,
    );
    const byWindow = [...breaks].sort(
      (a, b) =>
        problem.windowStartS[problem.windowOffset[a]!]! - problem.windowStartS[problem.windowOffset[b]!]!,
    );
    route.assign(problem, [
      problem.vehicleStartNode[vehicle]!,
      ...committed,
      ...byWindow,
      problem.vehicleEndNode[vehicle]!,
    ]);
    return route;
  }

  get used(): boolean {
    return this.taskStops > 0;
  }

  /** Whether every window, the shift and the duration and distance limits hold (after `update`). */
  isFeasible(problem: CompiledProblem): boolean {
    return (
      this.startS[this.length - 1]! < Number.POSITIVE_INFINITY &&
      (problem.vehicleMaxDurationS[this.vehicle] === Number.POSITIVE_INFINITY ||
        this.durationS(problem) <= problem.vehicleMaxDurationS[this.vehicle]!) &&
      this.distanceM <= problem.vehicleMaxDistanceM[this.vehicle]!
    );
  }

  /**
   * From leaving the start to arriving at the end, leaving as late as possible without missing a
   * window or arriving later (see RouteDurationMeter). O(length): for limits and reports.
   */
  durationS(problem: CompiledProblem): number {
    const { nodes, location, startS } = this;
    durationMeter.begin(startS[0]!);
    for (let p = 1; p < this.length; p++) {
      const arrivalS =
        startS[p - 1]! +
        problem.nodeServiceS[nodes[p - 1]!]! +
        problem.durationsS[location[p - 1]! * problem.locationCount + location[p]!]!;
      durationMeter.step(arrivalS, startS[p]!, windowEndAtS(problem, nodes[p]!, startS[p]!));
    }
    return durationMeter.durationS;
  }

  /** Cost of the route in the objective: nothing when unused. */
  cost(problem: CompiledProblem): number {
    return this.taskStops > 0 ? this.travelCost + problem.vehicleFixedCost[this.vehicle]! : 0;
  }

  /** Replaces the sequence (start and end included) and recomputes everything. */
  assign(problem: CompiledProblem, nodes: ArrayLike<number>): void {
    this.ensureCapacity(nodes.length);
    this.nodes.set(nodes as ArrayLike<number>);
    this.length = nodes.length;
    this.update(problem);
  }

  /** Inserts `node` after `position` (no update: call `update` once the route's edits are done). */
  insertAfter(position: number, node: number): void {
    this.ensureCapacity(this.length + 1);
    this.nodes.copyWithin(position + 2, position + 1, this.length);
    this.nodes[position + 1] = node;
    this.length++;
  }

  /** Removes the nodes flagged in `removed` (no update). */
  removeFlagged(removed: Uint8Array): void {
    let kept = 0;
    for (let p = 0; p < this.length; p++) {
      const node = this.nodes[p]!;
      if (removed[node] === 0) this.nodes[kept++] = node;
    }
    this.length = kept;
  }

  /** Copies another route of the same vehicle (same problem) into this one. */
  copyFrom(other: RouteState): void {
    this.ensureCapacity(other.length);
    const n = other.length;
    const dn = n * this.dimensions;
    this.nodes.set(other.nodes.subarray(0, n));
    this.location.set(other.location.subarray(0, n));
    this.startS.set(other.startS.subarray(0, n));
    this.latestS.set(other.latestS.subarray(0, n));
    this.nextStop.set(other.nextStop.subarray(0, n));
    this.load.set(other.load.subarray(0, dn));
    this.prefixMaxLoad.set(other.prefixMaxLoad.subarray(0, dn));
    this.suffixMaxLoad.set(other.suffixMaxLoad.subarray(0, dn));
    this.length = n;
    this.taskStops = other.taskStops;
    this.distanceM = other.distanceM;
    this.travelCost = other.travelCost;
  }

  /** Recomputes schedule, latest arrivals, loads, distance, cost and duration from `nodes`. */
  update(problem: CompiledProblem): void {
    this.forwardPass(problem);
    this.backwardPass(problem);
    this.updateLoads(problem);
  }

  private forwardPass(problem: CompiledProblem): void {
    const { nodeLocation, nodeServiceS, nodeKind, durationsS, distancesM, locationCount } = problem;
    const costs = problem.costMatrices[problem.vehicleCostMatrix[this.vehicle]!]!;
    const { nodes, location, startS } = this;
    location[0] = nodeLocation[nodes[0]!]!;
    startS[0] = problem.windowStartS[problem.windowOffset[nodes[0]!]!]!;
    let distanceM = 0;
    let travelCost = 0;
    let taskStops = 0;
    for (let p = 1; p < this.length; p++) {
      const node = nodes[p]!;
      const from = location[p - 1]!;
      const to = nodeKind[node] === BREAK ? from : nodeLocation[node]!;
      const cell = from * locationCount + to;
      location[p] = to;
      startS[p] = earliestStartS(
        problem,
        node,
        startS[p - 1]! + nodeServiceS[nodes[p - 1]!]! + durationsS[cell]!,
      );
      distanceM += distancesM[cell]!;
      travelCost += costs[cell]!;
      if (nodeKind[node]! < BREAK) taskStops++;
    }
    this.distanceM = distanceM;
    this.travelCost = travelCost;
    this.taskStops = taskStops;
  }

  private backwardPass(problem: CompiledProblem): void {
    const { nodeServiceS, nodeKind, durationsS, locationCount } = problem;
    const { nodes, location, latestS, nextStop } = this;
    const last = this.length - 1;
    latestS[last] = latestStartS(problem, nodes[last]!, Number.POSITIVE_INFINITY);
    nextStop[last] = last;
    for (let p = last - 1; p >= 0; p--) {
      const node = nodes[p]!;
      const bound =
        latestS[p + 1]! - durationsS[location[p]! * locationCount + location[p + 1]!]! - nodeServiceS[node]!;
      latestS[p] = latestStartS(problem, node, bound);
      nextStop[p] = nodeKind[nodes[p + 1]!] === BREAK ? nextStop[p + 1]! : p + 1;
    }
  }

  private updateLoads(problem: CompiledProblem): void {
    const dims = this.dimensions;
    const { nodes, load, prefixMaxLoad, suffixMaxLoad } = this;
    const { nodeKind, nodeAmount } = problem;
    for (let d = 0; d < dims; d++) load[d] = problem.vehicleLoadOnBoard[this.vehicle * dims + d]!;
    for (let p = 1; p < this.length - 1; p++) {
      const node = nodes[p]!;
      if (nodeKind[node] === DELIVERY_JOB)
        for (let d = 0; d < dims; d++) load[d] = load[d]! + nodeAmount[node * dims + d]!;
    }
    for (let p = 1; p < this.length; p++) {
      const node = nodes[p]!;
      const sign = problem.nodeLoadSign[node]!;
      for (let d = 0; d < dims; d++)
        load[p * dims + d] = load[(p - 1) * dims + d]! + sign * nodeAmount[node * dims + d]!;
    }
    const n = this.length * dims;
    for (let i = 0; i < n; i++)
      prefixMaxLoad[i] = i < dims ? load[i]! : Math.max(prefixMaxLoad[i - dims]!, load[i]!);
    for (let i = n - 1; i >= 0; i--)
      suffixMaxLoad[i] = i >= n - dims ? load[i]! : Math.max(suffixMaxLoad[i + dims]!, load[i]!);
  }

  private ensureCapacity(length: number): void {
    if (length <= this.nodes.length) return;
    const capacity = Math.max(length, this.nodes.length * 2);
    const grow = <T extends Int32Array | Float64Array>(array: T, size: number): T => {
      const next = new (array.constructor as new (n: number) => T)(size);
      next.set(array);
      return next;
    };
    this.nodes = grow(this.nodes, capacity);
    this.location = grow(this.location, capacity);
    this.startS = grow(this.startS, capacity);
    this.latestS = grow(this.latestS, capacity);
    this.nextStop = grow(this.nextStop, capacity);
    this.load = grow(this.load, capacity * this.dimensions);
    this.prefixMaxLoad = grow(this.prefixMaxLoad, capacity * this.dimensions);
    this.suffixMaxLoad = grow(this.suffixMaxLoad, capacity * this.dimensions);
  }
}

/** Shared by every route: updates run one at a time. */
const durationMeter = new timeWindows.RouteDurationMeter();
