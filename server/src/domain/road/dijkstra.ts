import FlatQueue from "flatqueue";
import type { RoadGraph } from "./road-graph";

/**
 * Plain Dijkstra on the node graph: the test oracle for the hierarchy, the matrix and the traffic
 * code, and the exact fallback for anything the hierarchy cannot answer.
 *
 * Labels are compared lexicographically: travel time first (integer ms), then distance (m). Every
 * routine in this folder uses the same order, so "the" fastest path, and hence its distance, is
 * the same whichever algorithm found it (up to float rounding of the distance sums).
 */

/** Per-edge travel times in ms (integers ≥ 1; `Infinity` = closed), indexed like the graph's edges. */
export type EdgeWeights = ArrayLike<number>;

/** A start of a search: a node reached already after `durationMs` / `distanceM` (partial edges). */
export interface SearchSeed {
  readonly node: number;
  readonly durationMs: number;
  readonly distanceM: number;
}

/** A fastest path: its travel time (ms), length (m), node ids and edge ids (graph indices). */
export interface PathResult {
  readonly durationMs: number;
  readonly distanceM: number;
  readonly nodes: number[];
  readonly edges: number[];
}

/**
 * A reusable Dijkstra search over one graph. Buffers are allocated once and invalidated with a
 * generation counter, so a query costs only what it visits. Not re-entrant.
 *
 * @example
 * const search = new DijkstraSearch(graph);
 * search.shortestPath(0, 42)?.durationMs; // travel time in ms, or undefined when unreachable
 */
export class DijkstraSearch {
  private readonly timeMs: Float64Array;
  private readonly distM: Float64Array;
  private readonly predEdge: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly queue = new FlatQueue<number>();
  private generation = 0;

  constructor(private readonly graph: RoadGraph) {
    this.timeMs = new Float64Array(graph.nodeCount);
    this.distM = new Float64Array(graph.nodeCount);
    this.predEdge = new Int32Array(graph.nodeCount);
    this.stamp = new Uint32Array(graph.nodeCount);
    this.settled = new Uint32Array(graph.nodeCount);
  }

  /** Fastest path from node to node with the given weights (default: free flow); null if none. */
  shortestPath(source: number, target: number, weights?: EdgeWeights): PathResult | null {
    return this.pathFromSeeds([{ node: source, durationMs: 0, distanceM: 0 }], target, weights);
  }

  /** Fastest path from several seeds to one node; null when the node is unreachable. */
  pathFromSeeds(seeds: readonly SearchSeed[], target: number, weights?: EdgeWeights): PathResult | null {
    this.run(seeds, target, weights ?? this.graph.edgeDurationMs);
    const time = this.durationTo(target);
    if (time === Number.POSITIVE_INFINITY) return null;
    const edges: number[] = [];
    for (let v = target; this.predEdge[v]! >= 0; ) {
      const e = this.predEdge[v]!;
      edges.push(e);
      v = this.tailOf(e);
    }
    edges.reverse();
    const first = edges.length > 0 ? this.tailOf(edges[0]!) : target;
    const nodes = [first, ...edges.map((e) => this.graph.edgeTarget[e]!)];
    return { durationMs: time, distanceM: this.distM[target]!, nodes, edges };
  }

  /**
   * One-to-all: settles every node reachable from the seeds; read results with
   * {@link durationTo} / {@link distanceTo} until the next search.
   */
  searchAll(seeds: readonly SearchSeed[], weights?: EdgeWeights): void {
    this.run(seeds, -1, weights ?? this.graph.edgeDurationMs);
  }

  /** Travel time (ms) to a node found by the last search; Infinity when not reached. */
  durationTo(node: number): number {
    return this.stamp[node] === this.generation ? this.timeMs[node]! : Number.POSITIVE_INFINITY;
  }

  /** Length (m) of the path to a node found by the last search; Infinity when not reached. */
  distanceTo(node: number): number {
    return this.stamp[node] === this.generation ? this.distM[node]! : Number.POSITIVE_INFINITY;
  }

  private tailOf(edge: number): number {
    // Binary search in the CSR offsets: only used while building a path, not per relaxation.
    const first = this.graph.firstEdge;
    let lo = 0;
    let hi = this.graph.nodeCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (first[mid]! <= edge) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The search loop; stops when `target` (≥ 0) is settled. Lexicographic (time, distance) labels. */
  private run(seeds: readonly SearchSeed[], target: number, weights: EdgeWeights): void {
    const { firstEdge, edgeTarget, edgeDistanceM } = this.graph;
    const { timeMs, distM, predEdge, stamp, settled, queue } = this;
    const gen = ++this.generation;
    queue.clear();
    for (const s of seeds) {
      if (stamp[s.node] === gen && !improves(s.durationMs, s.distanceM, timeMs[s.node]!, distM[s.node]!))
        continue;
      stamp[s.node] = gen;
      timeMs[s.node] = s.durationMs;
      distM[s.node] = s.distanceM;
      predEdge[s.node] = -1;
      queue.push(s.node, s.durationMs);
    }
    while (queue.length > 0) {
      const u = queue.pop()!;
      if (settled[u] === gen) continue;
      settled[u] = gen;
      if (u === target) return;
      const tu = timeMs[u]!;
      const du = distM[u]!;
      for (let e = firstEdge[u]!, end = firstEdge[u + 1]!; e < end; e++) {
        const v = edgeTarget[e]!;
        const tv = tu + weights[e]!;
        const dv = du + edgeDistanceM[e]!;
        if (stamp[v] === gen && !improves(tv, dv, timeMs[v]!, distM[v]!)) continue;
        if (tv === Number.POSITIVE_INFINITY) continue;
        stamp[v] = gen;
        timeMs[v] = tv;
        distM[v] = dv;
        predEdge[v] = e;
        queue.push(v, tv);
      }
    }
  }
}

/** Lexicographic (time, distance) comparison: true when (t, d) is strictly better than (t0, d0). */
export function improves(t: number, d: number, t0: number, d0: number): boolean {
  return t < t0 || (t === t0 && d < d0);
}
