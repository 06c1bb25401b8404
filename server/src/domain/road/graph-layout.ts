import type { EdgeList } from "./edge-list";

/** Bits per axis of the Hilbert grid laid over the graph's bounding box (65,536 cells a side). */
const HILBERT_ORDER = 16;
const HILBERT_SIDE = 1 << HILBERT_ORDER;

/**
 * Position of cell (x, y) along the Hilbert curve over a 2^16 x 2^16 grid (0 ≤ x, y < 65,536).
 * Nearby indices are nearby cells, which keeps graph neighbours close in memory.
 *
 * @example
 * hilbertIndex(0, 0); // 0
 */
export function hilbertIndex(x: number, y: number): number {
  let index = 0;
  let cx = x;
  let cy = y;
  for (let s = HILBERT_SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (cx & s) > 0 ? 1 : 0;
    const ry = (cy & s) > 0 ? 1 : 0;
    index += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        cx = HILBERT_SIDE - 1 - cx;
        cy = HILBERT_SIDE - 1 - cy;
      }
      const swap = cx;
      cx = cy;
      cy = swap;
    }
  }
  return index;
}

/**
 * The nodes `0 … count-1` sorted along a Hilbert curve over their bounding box (ties by number,
 * so copies of a split node stay together and the order is deterministic).
 *
 * @returns `order[rank] = node`.
 * @example
 * const order = hilbertNodeOrder(lng, lat, lng.length);
 */
export function hilbertNodeOrder(lng: Float64Array, lat: Float64Array, count: number): Uint32Array {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let v = 0; v < count; v++) {
    minLng = Math.min(minLng, lng[v]!);
    maxLng = Math.max(maxLng, lng[v]!);
    minLat = Math.min(minLat, lat[v]!);
    maxLat = Math.max(maxLat, lat[v]!);
  }
  const scaleLng = (HILBERT_SIDE - 1) / Math.max(maxLng - minLng, 1e-9);
  const scaleLat = (HILBERT_SIDE - 1) / Math.max(maxLat - minLat, 1e-9);
  const key = new Float64Array(count);
  const order = new Uint32Array(count);
  for (let v = 0; v < count; v++) {
    key[v] = hilbertIndex(
      Math.round((lng[v]! - minLng) * scaleLng),
      Math.round((lat[v]! - minLat) * scaleLat),
    );
    order[v] = v;
  }
  return order.sort((a, b) => key[a]! - key[b]! || a - b);
}

/** The CSR arrays of a graph. */
export interface CsrEdges {
  readonly firstEdge: Uint32Array;
  readonly edgeTarget: Uint32Array;
  readonly edgeDurationMs: Uint32Array;
  readonly edgeDistanceM: Float32Array;
  readonly edgeWay: Uint32Array;
}

/**
 * Lays `edges` out as CSR with nodes renumbered by `rank` (`rank[old] = new`): the edges of node v
 * are `firstEdge[v] … firstEdge[v + 1] - 1`, in their original order.
 *
 * @example
 * const csr = layoutCsr(edges, rank, nodeCount);
 */
export function layoutCsr(edges: EdgeList, rank: Uint32Array, nodeCount: number): CsrEdges {
  const m = edges.count;
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) firstEdge[rank[edges.source[e]!]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) firstEdge[v + 1]! += firstEdge[v]!;
  const next = firstEdge.slice(0, nodeCount);
  const csr: CsrEdges = {
    firstEdge,
    edgeTarget: new Uint32Array(m),
    edgeDurationMs: new Uint32Array(m),
    edgeDistanceM: new Float32Array(m),
    edgeWay: new Uint32Array(m),
  };
  for (let e = 0; e < m; e++) {
    const slot = next[rank[edges.source[e]!]!]!++;
    csr.edgeTarget[slot] = rank[edges.target[e]!]!;
    csr.edgeDurationMs[slot] = edges.durationMs[e]!;
    csr.edgeDistanceM[slot] = edges.distanceM[e]!;
    csr.edgeWay[slot] = edges.way[e]!;
  }
  return csr;
}
