import { dissectCore, type UndirectedGraph } from "./ch-dissect";
import type { RoadGraph } from "./road-graph";

/**
 * Metric-independent node order for the customizable contraction hierarchy (CCH).
 *
 * Two phases, both ignorant of travel times so that live traffic never invalidates the order:
 * 1. Nodes of degree ≤ 2 in the undirected graph are eliminated first (lowest ranks), repeatedly,
 *    as minimum-degree elimination would do. OSM graphs keep every geometry node, so this removes
 *    most nodes (dead ends, chains of shape points) and adds no fill beyond one edge per node.
 * 2. The remaining core (junctions of degree ≥ 3, joined by the chain edges) is ordered by nested
 *    dissection with inertial-flow separators ({@link dissectCore}): separators get the top ranks.
 */

/** The undirected simple graph of a road graph (no self-loops, no parallel edges), as CSR. */
export function toUndirected(graph: RoadGraph): UndirectedGraph {
  const n = graph.nodeCount;
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let u = 0; u < n; u++) {
    for (let e = graph.firstEdge[u]!; e < graph.firstEdge[u + 1]!; e++) {
      const v = graph.edgeTarget[e]!;
      if (v === u) continue;
      lists[u]!.push(v);
      lists[v]!.push(u);
    }
  }
  const first = new Uint32Array(n + 1);
  const adjacency: number[] = [];
  for (let u = 0; u < n; u++) {
    const sorted = lists[u]!.sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) adjacency.push(sorted[i]!);
    first[u + 1] = adjacency.length;
  }
  // One equirectangular projection for the whole graph (only directions matter to the dissection).
  const meanLat = n > 0 ? graph.nodeLat.reduce((sum, lat) => sum + lat, 0) / n : 0;
  const cosLat = Math.cos((meanLat * Math.PI) / 180);
  return {
    nodeCount: n,
    first,
    adjacency: Uint32Array.from(adjacency),
    x: Float64Array.from(graph.nodeLng, (lng) => lng * cosLat),
    y: Float64Array.from(graph.nodeLat),
  };
}

/** Result of phase 1: the eliminated nodes in elimination order and the remaining core graph. */
interface PeripheryElimination {
  readonly eliminated: number[];
  readonly core: UndirectedGraph;
  /** Original node id of each core node. */
  readonly coreNodes: Uint32Array;
}

/** Phase 1: repeatedly eliminates nodes of degree ≤ 2 (a chain node links its two neighbours). */
function eliminatePeriphery(g: UndirectedGraph): PeripheryElimination {
  const n = g.nodeCount;
  const adj: Set<number>[] = Array.from(
    { length: n },
    (_, u) => new Set(g.adjacency.subarray(g.first[u]!, g.first[u + 1]!)),
  );
  const done = new Uint8Array(n);
  const eliminated: number[] = [];
  const stack: number[] = [];
  for (let u = n - 1; u >= 0; u--) if (adj[u]!.size <= 2) stack.push(u);
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (done[v] || adj[v]!.size > 2) continue;
    done[v] = 1;
    eliminated.push(v);
    const nbrs = [...adj[v]!];
    for (const a of nbrs) adj[a]!.delete(v);
    if (nbrs.length === 2) {
      adj[nbrs[0]!]!.add(nbrs[1]!);
      adj[nbrs[1]!]!.add(nbrs[0]!);
    }
    for (const a of nbrs) if (adj[a]!.size <= 2) stack.push(a);
    adj[v]!.clear();
  }
  return { eliminated, ...buildCore(g, adj, done) };
}

/** The graph left after elimination, renumbered 0..c-1 (CSR), and each core node's original id. */
function buildCore(
  g: UndirectedGraph,
  adj: readonly Set<number>[],
  done: Uint8Array,
): { core: UndirectedGraph; coreNodes: Uint32Array } {
  const coreId = new Int32Array(g.nodeCount).fill(-1);
  const kept: number[] = [];
  for (let u = 0; u < g.nodeCount; u++) {
    if (done[u]) continue;
    coreId[u] = kept.length;
    kept.push(u);
  }
  const coreNodes = Uint32Array.from(kept);
  const first = new Uint32Array(kept.length + 1);
  const adjacency: number[] = [];
  kept.forEach((u, i) => {
    for (const v of [...adj[u]!].map((x) => coreId[x]!).sort((a, b) => a - b)) adjacency.push(v);
    first[i + 1] = adjacency.length;
  });
  const x = Float64Array.from(coreNodes, (u) => g.x[u]!);
  const y = Float64Array.from(coreNodes, (u) => g.y[u]!);
  return { coreNodes, core: { nodeCount: kept.length, first, adjacency: Uint32Array.from(adjacency), x, y } };
}

/**
 * Computes a metric-independent contraction order: `order[i]` is the node contracted i-th
 * (rank i). Deterministic for a given graph.
 *
 * @example
 * const order = computeContractionOrder(graph); // Uint32Array, a permutation of 0..nodeCount-1
 */
export function computeContractionOrder(graph: RoadGraph): Uint32Array {
  const { eliminated, core, coreNodes } = eliminatePeriphery(toUndirected(graph));
  const coreOrder = dissectCore(core);
  const order = new Uint32Array(graph.nodeCount);
  order.set(eliminated, 0);
  for (let i = 0; i < coreOrder.length; i++) order[eliminated.length + i] = coreNodes[coreOrder[i]!]!;
  return order;
}
