import { computeContractionOrder } from "./ch-order";
import type { RoadGraph } from "./road-graph";

/**
 * The metric-independent part of a customizable contraction hierarchy (CCH, Dibbelt, Strasser &
 * Wagner 2016).
 *
 * Why CCH rather than a classic CH with witness searches: live traffic and closures must show in
 * routes and matrices within a second. A CH's shortcuts depend on the weights, so new weights mean
 * a new contraction (seconds) plus an exact but slow fallback meanwhile. A CCH contracts once
 * without witness searches (its shortcut graph is the chordal completion of the road graph under a
 * nested-dissection order, valid for every metric), and a new metric is a linear "customization"
 * pass over its triangles (tens of ms here, see ch-customize.ts). Queries walk the elimination tree
 * without a priority queue (ch-query.ts). The price is more shortcuts than a CH and a slightly
 * larger search space, which the small city/region graphs we target easily afford.
 *
 * Inside the hierarchy, nodes are renumbered by rank (0 = contracted first): arcs go from a lower
 * rank to a higher one and carry two weights, upward (tail → head) and downward (head → tail).
 */
export interface ContractionHierarchy {
  readonly nodeCount: number;
  readonly arcCount: number;
  /** Rank of each graph node. */
  readonly rank: Uint32Array;
  /** Graph node at each rank (the inverse of {@link rank}). */
  readonly nodeAtRank: Uint32Array;
  /** Elimination-tree parent of each rank (its lowest upper neighbour), -1 for roots. */
  readonly parent: Int32Array;
  /** CSR offsets of the upward arcs, by rank, length nodeCount + 1. */
  readonly upFirst: Uint32Array;
  /** Head rank of each arc (sorted ascending within a tail). */
  readonly upHead: Uint32Array;
  /** Arc each graph edge maps to (-1 for self-loops). */
  readonly edgeArc: Int32Array;
  /** 1 when the graph edge runs upward along its arc (tail has the lower rank), else 0. */
  readonly edgeUpward: Uint8Array;
}

/**
 * Builds the hierarchy's topology: computes the node order (unless given) and the chordal
 * completion by symbolic elimination (an eliminated node's upper neighbours, minus its parent, are
 * handed to its parent). Pure: graph in, typed arrays out; no weights involved.
 *
 * @example
 * const ch = buildContractionHierarchy(graph);
 * const metric = customizeHierarchy(ch, graph, graph.edgeDurationMs);
 */
export function buildContractionHierarchy(graph: RoadGraph, order?: Uint32Array): ContractionHierarchy {
  const nodeAtRank = order ?? computeContractionOrder(graph);
  const n = graph.nodeCount;
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) rank[nodeAtRank[r]!] = r;
  const upper = collectUpperNeighbours(graph, rank);
  const parent = new Int32Array(n).fill(-1);
  const mark = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const list = dedupeSorted(upper[r]!, mark, r);
    upper[r] = list;
    if (list.length === 0) continue;
    const p = list[0]!;
    parent[r] = p;
    const target = upper[p]!;
    for (let i = 1; i < list.length; i++) target.push(list[i]!);
  }
  const upFirst = new Uint32Array(n + 1);
  for (let r = 0; r < n; r++) upFirst[r + 1] = upFirst[r]! + upper[r]!.length;
  const upHead = new Uint32Array(upFirst[n]!);
  for (let r = 0; r < n; r++) upHead.set(upper[r]!, upFirst[r]!);
  const { edgeArc, edgeUpward } = mapEdgesToArcs(graph, rank, upFirst, upHead);
  return {
    nodeCount: n,
    arcCount: upHead.length,
    rank,
    nodeAtRank,
    parent,
    upFirst,
    upHead,
    edgeArc,
    edgeUpward,
  };
}

/** For each rank, the ranks of its higher graph neighbours (either edge direction; may repeat). */
function collectUpperNeighbours(graph: RoadGraph, rank: Uint32Array): number[][] {
  const upper: number[][] = Array.from({ length: graph.nodeCount }, () => []);
  for (let u = 0; u < graph.nodeCount; u++) {
    const ru = rank[u]!;
    for (let e = graph.firstEdge[u]!; e < graph.firstEdge[u + 1]!; e++) {
      const rv = rank[graph.edgeTarget[e]!]!;
      if (ru < rv) upper[ru]!.push(rv);
      else if (rv < ru) upper[rv]!.push(ru);
    }
  }
  return upper;
}

/** Sorts a list ascending and drops duplicates (`mark` holds the last owner that saw each value). */
function dedupeSorted(list: number[], mark: Int32Array, owner: number): number[] {
  const out: number[] = [];
  for (const v of list) {
    if (mark[v] === owner) continue;
    mark[v] = owner;
    out.push(v);
  }
  return out.sort((a, b) => a - b);
}

/** Index of arc (tail → head) by binary search in the tail's sorted heads; -1 if absent. */
export function findArc(upFirst: Uint32Array, upHead: Uint32Array, tail: number, head: number): number {
  let lo = upFirst[tail]!;
  let hi = upFirst[tail + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const h = upHead[mid]!;
    if (h === head) return mid;
    if (h < head) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Maps each graph edge onto its hierarchy arc and direction. */
function mapEdgesToArcs(
  graph: RoadGraph,
  rank: Uint32Array,
  upFirst: Uint32Array,
  upHead: Uint32Array,
): { edgeArc: Int32Array; edgeUpward: Uint8Array } {
  const edgeArc = new Int32Array(graph.edgeCount).fill(-1);
  const edgeUpward = new Uint8Array(graph.edgeCount);
  for (let u = 0; u < graph.nodeCount; u++) {
    const ru = rank[u]!;
    for (let e = graph.firstEdge[u]!; e < graph.firstEdge[u + 1]!; e++) {
      const rv = rank[graph.edgeTarget[e]!]!;
      if (ru === rv) continue;
      const up = ru < rv;
      edgeArc[e] = up ? findArc(upFirst, upHead, ru, rv) : findArc(upFirst, upHead, rv, ru);
      edgeUpward[e] = up ? 1 : 0;
    }
  }
  return { edgeArc, edgeUpward };
}
