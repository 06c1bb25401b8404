import { computeMinCut } from "./ch-flow";

/**
 * Nested dissection of the core graph with inertial-flow separators (Schild & Sommer 2015, as used
 * by RoutingKit's CCH): a piece is sorted along four directions; the first and last quarter become
 * source and sink; a unit-capacity max flow gives a minimum balanced edge cut; its smaller side of
 * endpoints is the vertex separator. Separators take the highest free ranks, then both halves are
 * dissected the same way. Disconnected pieces are split into components first (no separator).
 */

/** An undirected simple graph as CSR with planar coordinates (x = lng·cos φ0, y = lat, degrees). */
export interface UndirectedGraph {
  readonly nodeCount: number;
  /** CSR offsets, length nodeCount + 1. */
  readonly first: Uint32Array;
  /** Neighbours, sorted ascending within each node. */
  readonly adjacency: Uint32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Pieces at most this big are not dissected further (their order matters little). */
const LEAF_SIZE = 12;
/** Share of a piece used as source (first) and sink (last) along each direction. */
const TERMINAL_SHARE = 0.25;
/** Projection directions tried for each bisection: x, y and both diagonals. */
const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];

/** Working state shared by all pieces: a stamp per node marks membership of the current piece. */
interface DissectState {
  readonly g: UndirectedGraph;
  readonly member: Uint32Array;
  readonly local: Int32Array;
  readonly order: Uint32Array;
  stampCounter: number;
  top: number;
}

/**
 * Orders the nodes of an undirected graph by nested dissection: `order[i]` is the node of rank i.
 *
 * @example
 * const order = dissectCore(core); // separators of the whole graph come last
 */
export function dissectCore(g: UndirectedGraph): Uint32Array {
  const state: DissectState = {
    g,
    member: new Uint32Array(g.nodeCount),
    local: new Int32Array(g.nodeCount),
    order: new Uint32Array(g.nodeCount),
    stampCounter: 0,
    top: g.nodeCount,
  };
  const pending: Uint32Array[] = [Uint32Array.from({ length: g.nodeCount }, (_, i) => i)];
  while (pending.length > 0) {
    const piece = pending.pop()!;
    for (const part of splitPiece(state, piece)) pending.push(part);
  }
  return state.order;
}

/** Assigns the given nodes the highest free ranks. */
function assignTop(state: DissectState, nodes: ArrayLike<number>): void {
  for (let i = nodes.length - 1; i >= 0; i--) state.order[--state.top] = nodes[i]!;
}

/** Handles one piece: ranks its separator (or all of it) and returns the sub-pieces left to do. */
function splitPiece(state: DissectState, piece: Uint32Array): Uint32Array[] {
  if (piece.length <= LEAF_SIZE) {
    assignTop(state, piece);
    return [];
  }
  const components = findComponents(state, piece);
  if (components.length > 1) return components;
  const cut = bisect(state, piece);
  assignTop(state, cut.separator);
  return [cut.sideA, cut.sideB].filter((p) => p.length > 0);
}

/** Splits a piece into its connected components (BFS inside the piece). */
function findComponents(state: DissectState, piece: Uint32Array): Uint32Array[] {
  const { g, member } = state;
  const inPiece = ++state.stampCounter;
  for (const u of piece) member[u] = inPiece;
  const seen = ++state.stampCounter;
  const components: Uint32Array[] = [];
  const queue = new Uint32Array(piece.length);
  for (const start of piece) {
    if (member[start] !== inPiece) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    member[start] = seen;
    while (head < tail) {
      const u = queue[head++]!;
      for (let a = g.first[u]!; a < g.first[u + 1]!; a++) {
        const v = g.adjacency[a]!;
        if (member[v] !== inPiece) continue;
        member[v] = seen;
        queue[tail++] = v;
      }
    }
    components.push(queue.slice(0, tail));
  }
  return components;
}

/** A balanced vertex separator of a connected piece and the two sides it leaves. */
interface Bisection {
  readonly separator: Uint32Array;
  readonly sideA: Uint32Array;
  readonly sideB: Uint32Array;
}

/** Tries every direction and keeps the smallest separator (ties: the more balanced one). */
function bisect(state: DissectState, piece: Uint32Array): Bisection {
  const { g, local } = state;
  for (let i = 0; i < piece.length; i++) local[piece[i]!] = i;
  const inPiece = ++state.stampCounter;
  for (const u of piece) state.member[u] = inPiece;
  const sub = buildLocalGraph(g, piece, state.member, inPiece, local);
  let best: { sep: number[]; sourceSide: Uint8Array; cutEdges: number; score: number } | null = null;
  const key = new Float64Array(piece.length);
  const terminals = Math.max(1, Math.floor(piece.length * TERMINAL_SHARE));
  for (const [dx, dy] of DIRECTIONS) {
    for (let i = 0; i < piece.length; i++) key[i] = g.x[piece[i]!]! * dx + g.y[piece[i]!]! * dy;
    const sorted = Uint32Array.from(piece.keys()).sort((a, b) => key[a]! - key[b]!);
    const limit = best ? best.cutEdges + 1 : Number.POSITIVE_INFINITY;
    const cut = computeMinCut(
      sub,
      sorted.subarray(0, terminals),
      sorted.subarray(piece.length - terminals),
      limit,
    );
    if (!cut) continue;
    const sep = separatorFromCut(sub, cut.sourceSide);
    const sideSize = cut.sourceSide.reduce((s, v) => s + v, 0);
    const score = sep.length + Math.abs(piece.length / 2 - sideSize) / piece.length;
    if (!best || score < best.score)
      best = { sep, sourceSide: cut.sourceSide, cutEdges: cut.cutEdges, score };
  }
  const { sep, sourceSide } = best!;
  const inSep = new Uint8Array(piece.length);
  for (const v of sep) inSep[v] = 1;
  const sideA: number[] = [];
  const sideB: number[] = [];
  for (let i = 0; i < piece.length; i++) {
    if (inSep[i]) continue;
    (sourceSide[i] ? sideA : sideB).push(piece[i]!);
  }
  return {
    separator: Uint32Array.from(sep, (i) => piece[i]!),
    sideA: Uint32Array.from(sideA),
    sideB: Uint32Array.from(sideB),
  };
}

/** The piece's induced subgraph with local ids 0..k-1 (CSR). */
function buildLocalGraph(
  g: UndirectedGraph,
  piece: Uint32Array,
  member: Uint32Array,
  stamp: number,
  local: Int32Array,
): { first: Uint32Array; adjacency: Uint32Array } {
  const first = new Uint32Array(piece.length + 1);
  const adjacency: number[] = [];
  for (let i = 0; i < piece.length; i++) {
    const u = piece[i]!;
    for (let a = g.first[u]!; a < g.first[u + 1]!; a++) {
      const v = g.adjacency[a]!;
      if (member[v] === stamp) adjacency.push(local[v]!);
    }
    first[i + 1] = adjacency.length;
  }
  return { first, adjacency: Uint32Array.from(adjacency) };
}

/** Turns an edge cut into a vertex separator: the cut edges' endpoints on the side with fewer of them. */
function separatorFromCut(
  sub: { first: Uint32Array; adjacency: Uint32Array },
  sourceSide: Uint8Array,
): number[] {
  const onSource = new Set<number>();
  const onSink = new Set<number>();
  for (let u = 0; u < sourceSide.length; u++) {
    if (!sourceSide[u]) continue;
    for (let a = sub.first[u]!; a < sub.first[u + 1]!; a++) {
      const v = sub.adjacency[a]!;
      if (sourceSide[v]) continue;
      onSource.add(u);
      onSink.add(v);
    }
  }
  return [...(onSource.size <= onSink.size ? onSource : onSink)];
}
