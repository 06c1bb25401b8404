import FlatQueue from "flatqueue";
import type { RoadGraph } from "../road/road-graph";
import { METERS_PER_DEGREE } from "../road/route-geo";

/** Where every target of a search lies: within `radiusM` metres of [lng, lat]. */
export interface SearchGoal {
  readonly lng: number;
  readonly lat: number;
  readonly radiusM: number;
}

/** What a route search charges and how far it may go. */
export interface RouteSearchCosts {
  /** Extra metres for turning back onto the edge a node was reached by. */
  readonly uTurnPenaltyM: number;
  /** Most nodes one search settles. */
  readonly maxSettledNodes: number;
}

/**
 * Shortest driving distances from a point on a directed edge, bounded: Dijkstra over metres (A*
 * when given a goal) that stops at a distance limit, at a settled-node budget, or as soon as every
 * marked target node is settled. Turning back onto the edge a node was reached by costs a U-turn
 * penalty (a vehicle turns around at a dead end, not in the middle of a street). Buffers are
 * allocated once per graph and invalidated by generation counters, so a search costs only what
 * it visits and allocates nothing. Not re-entrant: one search at a time.
 *
 * @example
 * search.clearTargets();
 * search.addTarget(node);
 * search.searchFrom(edge, 12.5, 400, { uTurnPenaltyM: 100, maxSettledNodes: 10_000 });
 * search.distanceTo(node); // metres from 12.5 m along `edge` to `node`, or Infinity
 */
export class BoundedRouteSearch {
  private readonly distM: Float64Array;
  private readonly arrival: Int32Array;
  private readonly labelled: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly target: Uint32Array;
  private readonly queue: FlatQueue<number>;
  private generation = 0;
  private targetGeneration = 0;
  private targetCount = 0;
  private startEdge = -1;
  private goalLng = 0;
  private goalLat = 0;
  private goalKx = 0;
  private goalRadiusM = Number.POSITIVE_INFINITY;

  constructor(
    private readonly graph: RoadGraph,
    private readonly tails: Uint32Array,
    private readonly reverseEdge: Int32Array,
  ) {
    this.distM = new Float64Array(graph.nodeCount);
    this.arrival = new Int32Array(graph.nodeCount);
    this.labelled = new Uint32Array(graph.nodeCount);
    this.settled = new Uint32Array(graph.nodeCount);
    this.target = new Uint32Array(graph.nodeCount);
    // Typed, fixed capacity: a search pushes at most once per edge relaxed, each edge at most once.
    this.queue = new FlatQueue<number>(Math.max(1, graph.edgeCount + 1), Float64Array, Uint32Array);
  }

  /** Forgets the target nodes: until some are added, searches run to their limits. */
  clearTargets(): void {
    this.targetGeneration++;
    this.targetCount = 0;
  }

  /** Adds a node the following searches stop at once all targets are settled (duplicates are fine). */
  addTarget(node: number): void {
    if (this.target[node] === this.targetGeneration) return;
    this.target[node] = this.targetGeneration;
    this.targetCount++;
  }

  /**
   * Searches from `offsetM` metres along `edge` (driving on towards its head), up to `maxDistanceM`
   * metres. With a `goal` (a circle every target's route ends in), the search is an A*: it heads
   * for the circle and stops once even the straight line to it would pass the limit.
   */
  searchFrom(
    edge: number,
    offsetM: number,
    maxDistanceM: number,
    costs: RouteSearchCosts,
    goal?: SearchGoal,
  ): void {
    const { firstEdge, edgeTarget, edgeDistanceM } = this.graph;
    const { distM, arrival, labelled, settled, target, queue, reverseEdge } = this;
    const { uTurnPenaltyM } = costs;
    const gen = ++this.generation;
    const targetGen = this.targetGeneration;
    let targetsLeft = this.targetCount;
    let budget = costs.maxSettledNodes;
    this.aimAt(goal);
    this.startEdge = edge;
    queue.clear();
    const start = edgeTarget[edge]!;
    labelled[start] = gen;
    distM[start] = Math.max(0, edgeDistanceM[edge]! - offsetM);
    arrival[start] = edge;
    queue.push(start, distM[start]! + this.remainingM(start));
    while (queue.length > 0) {
      if (queue.peekValue()! > maxDistanceM) return;
      const u = queue.pop()!;
      if (settled[u] === gen) continue;
      settled[u] = gen;
      if ((target[u] === targetGen && --targetsLeft === 0) || --budget === 0) return;
      const du = distM[u]!;
      const back = reverseEdge[arrival[u]!]!;
      for (let e = firstEdge[u]!, end = firstEdge[u + 1]!; e < end; e++) {
        const v = edgeTarget[e]!;
        const dv = du + edgeDistanceM[e]! + (e === back ? uTurnPenaltyM : 0);
        if (labelled[v] === gen && distM[v]! <= dv) continue;
        labelled[v] = gen;
        distM[v] = dv;
        arrival[v] = e;
        queue.push(v, dv + this.remainingM(v));
      }
    }
  }

  /** Sets the A* goal (none: plain Dijkstra). */
  private aimAt(goal: SearchGoal | undefined): void {
    this.goalRadiusM = goal ? goal.radiusM : Number.POSITIVE_INFINITY;
    if (!goal) return;
    this.goalLng = goal.lng;
    this.goalLat = goal.lat;
    // 1 % short of the true scale: a lower bound of haversine edge lengths, whatever the rounding.
    this.goalKx = 0.99 * METERS_PER_DEGREE * Math.cos((goal.lat * Math.PI) / 180);
  }

  /** A lower bound of the route left from a node to the goal, metres (0 without a goal). */
  private remainingM(node: number): number {
    if (this.goalRadiusM === Number.POSITIVE_INFINITY) return 0;
    const x = (this.graph.nodeLng[node]! - this.goalLng) * this.goalKx;
    const y = (this.graph.nodeLat[node]! - this.goalLat) * 0.99 * METERS_PER_DEGREE;
    return Math.max(0, Math.sqrt(x * x + y * y) - this.goalRadiusM);
  }

  /** Driving distance (m) to a node settled by the last search; Infinity when not reached within its limits. */
  distanceTo(node: number): number {
    return this.settled[node] === this.generation ? this.distM[node]! : Number.POSITIVE_INFINITY;
  }

  /** The edge the last search arrived at a settled node by (the start edge for the first node). */
  arrivalEdge(node: number): number {
    return this.arrival[node]!;
  }

  /** Appends the edges from the start edge (included) to a settled node. */
  appendPathTo(node: number, out: number[]): void {
    const from = out.length;
    const start = this.graph.edgeTarget[this.startEdge]!;
    for (let v = node; v !== start; ) {
      const e = this.arrival[v]!;
      out.push(e);
      v = this.tails[e]!;
    }
    out.push(this.startEdge);
    reverseRange(out, from);
  }
}

function reverseRange(values: number[], from: number): void {
  for (let i = from, j = values.length - 1; i < j; i++, j--) {
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
