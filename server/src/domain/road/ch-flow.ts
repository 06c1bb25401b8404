/**
 * Unit-capacity max flow / min cut on a small undirected graph (one nested-dissection piece),
 * by breadth-first augmenting paths from a set of sources to a set of sinks. Road cuts are small
 * (tens of edges), so a few dozen O(m) passes suffice.
 */

/** A piece's induced subgraph with local ids, as CSR (neighbour lists in any order). */
export interface LocalGraph {
  readonly first: Uint32Array;
  readonly adjacency: Uint32Array;
}

/** The minimum cut found: which nodes are on the source side, and the cut's edge count. */
export interface MinCut {
  readonly sourceSide: Uint8Array;
  readonly cutEdges: number;
}

/** For each arc u→v, the index of the arc v→u (every undirected edge is stored both ways). */
function reverseArcs(g: LocalGraph): Int32Array {
  const rev = new Int32Array(g.adjacency.length).fill(-1);
  const n = g.first.length - 1;
  for (let u = 0; u < n; u++) {
    for (let a = g.first[u]!; a < g.first[u + 1]!; a++) {
      const v = g.adjacency[a]!;
      if (v < u) continue;
      for (let b = g.first[v]!; b < g.first[v + 1]!; b++) {
        if (g.adjacency[b] !== u) continue;
        rev[a] = b;
        rev[b] = a;
        break;
      }
    }
  }
  return rev;
}

/**
 * Max flow from `sources` to `sinks` with capacity 1 per edge (either direction); returns the
 * minimum cut next to the sources, or null as soon as the flow reaches `limit` (a cut at least
 * as big as one already found is of no use to the caller).
 *
 * @example
 * const cut = computeMinCut(piece, left, right, Infinity); // cut.sourceSide[v] === 1 for v left of it
 */
export function computeMinCut(
  g: LocalGraph,
  sources: ArrayLike<number>,
  sinks: ArrayLike<number>,
  limit: number,
): MinCut | null {
  const state = createFlowState(g, sources, sinks);
  for (let value = 0; ; value++) {
    const found = findAugmentingPath(g, state, sources);
    if (found < 0) {
      const stamp = state.stamp;
      return { sourceSide: Uint8Array.from(state.visited, (s) => (s === stamp ? 1 : 0)), cutEdges: value };
    }
    if (value + 1 >= limit) return null;
    for (let v = found; !state.isSource[v]; v = state.parentNode[v]!) {
      const a = state.parentArc[v]!;
      state.flow[a]! += 1;
      state.flow[state.rev[a]!]! -= 1;
    }
  }
}

/** Flow, terminal marks and BFS buffers of one max-flow run. */
interface FlowState {
  readonly rev: Int32Array;
  readonly isSource: Uint8Array;
  readonly isSink: Uint8Array;
  readonly flow: Int8Array;
  readonly parentArc: Int32Array;
  readonly parentNode: Int32Array;
  readonly visited: Uint32Array;
  readonly queue: Uint32Array;
  stamp: number;
}

function createFlowState(g: LocalGraph, sources: ArrayLike<number>, sinks: ArrayLike<number>): FlowState {
  const n = g.first.length - 1;
  const isSource = new Uint8Array(n);
  for (let i = 0; i < sources.length; i++) isSource[sources[i]!] = 1;
  const isSink = new Uint8Array(n);
  for (let i = 0; i < sinks.length; i++) isSink[sinks[i]!] = 1;
  return {
    rev: reverseArcs(g),
    isSource,
    isSink,
    flow: new Int8Array(g.adjacency.length),
    parentArc: new Int32Array(n),
    parentNode: new Int32Array(n),
    visited: new Uint32Array(n),
    queue: new Uint32Array(n),
    stamp: 0,
  };
}

/** BFS in the residual graph from all sources; returns the sink reached (-1: none, the cut is final). */
function findAugmentingPath(g: LocalGraph, s: FlowState, sources: ArrayLike<number>): number {
  const stamp = ++s.stamp;
  const { visited, queue, flow, isSink, parentArc, parentNode } = s;
  let tail = 0;
  for (let i = 0; i < sources.length; i++) {
    visited[sources[i]!] = stamp;
    queue[tail++] = sources[i]!;
  }
  for (let head = 0; head < tail; ) {
    const u = queue[head++]!;
    for (let a = g.first[u]!; a < g.first[u + 1]!; a++) {
      const v = g.adjacency[a]!;
      if (visited[v] === stamp || flow[a]! >= 1) continue;
      visited[v] = stamp;
      parentArc[v] = a;
      parentNode[v] = u;
      if (isSink[v]) return v;
      queue[tail++] = v;
    }
  }
  return -1;
}
