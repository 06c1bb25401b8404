import type { LngLat } from "@waybill/shared";
import type { HierarchyPath } from "./ch-query";
import type { EdgeWeights, SearchSeed } from "./dijkstra";
import type { RoadGraph } from "./road-graph";
import type { SnappedPoint } from "./snap";

/**
 * From snapped points to search seeds and back to a leg: the partial-edge costs at both ends of a
 * route (a point at fraction f of an edge of w ms is `round(f·w)` ms from its tail), and the
 * same-edge case where no node is passed at all.
 */

/** A search seed that remembers the edge it comes from (-1: the point lies on the node itself). */
export interface EndpointSeed extends SearchSeed {
  readonly edge: number;
  /** Position of the point on `edge` (0 = its tail, 1 = its head). */
  readonly fraction: number;
}

/** One leg of a route: the edges driven (first and last possibly partial) with their shares. */
export interface RouteLeg {
  readonly durationMs: number;
  readonly distanceM: number;
  readonly edges: readonly number[];
  /** Travel time (ms) and length (m) spent on each of {@link edges}. */
  readonly edgeMs: readonly number[];
  readonly edgeDistM: readonly number[];
  /** The node where the leg starts when it has no edges. */
  readonly startNode: number;
  readonly startPoint: LngLat;
  readonly endPoint: LngLat;
}

/** Time (ms) from an edge's tail to the point at `fraction` of it. */
export function partialMs(weightMs: number, fraction: number): number {
  return Math.round(fraction * weightMs);
}

/** The usable directed edges of a snapped point with the point's fraction along each. */
function directions(snapped: SnappedPoint): { edge: number; fraction: number }[] {
  const list = [{ edge: snapped.edge, fraction: snapped.fraction }];
  if (snapped.reverseEdge >= 0) list.push({ edge: snapped.reverseEdge, fraction: 1 - snapped.fraction });
  return list;
}

/**
 * Seeds for leaving a snapped point: the head of each usable direction after the rest of the edge,
 * plus the tail node itself when the point lies on it.
 *
 * @example
 * const seeds = sourceSeeds(graph, tails, snapped, weights); // feed to HierarchyQuery.routeSeeds
 */
export function sourceSeeds(
  graph: RoadGraph,
  tails: Uint32Array,
  snapped: SnappedPoint,
  weights: EdgeWeights,
): EndpointSeed[] {
  const seeds: EndpointSeed[] = [];
  for (const { edge, fraction } of directions(snapped)) {
    const w = weights[edge]!;
    if (w === Number.POSITIVE_INFINITY) continue;
    const d = graph.edgeDistanceM[edge]!;
    seeds.push({
      node: graph.edgeTarget[edge]!,
      durationMs: w - partialMs(w, fraction),
      distanceM: (1 - fraction) * d,
      edge,
      fraction,
    });
    if (fraction === 0)
      seeds.push({ node: tails[edge]!, durationMs: 0, distanceM: 0, edge: -1, fraction: 0 });
  }
  return seeds;
}

/** Seeds for reaching a snapped point: the tail of each usable direction, plus the head node when the point is on it. */
export function targetSeeds(
  graph: RoadGraph,
  tails: Uint32Array,
  snapped: SnappedPoint,
  weights: EdgeWeights,
): EndpointSeed[] {
  const seeds: EndpointSeed[] = [];
  for (const { edge, fraction } of directions(snapped)) {
    const w = weights[edge]!;
    if (w === Number.POSITIVE_INFINITY) continue;
    const d = graph.edgeDistanceM[edge]!;
    seeds.push({
      node: tails[edge]!,
      durationMs: partialMs(w, fraction),
      distanceM: fraction * d,
      edge,
      fraction,
    });
    if (fraction === 1)
      seeds.push({ node: graph.edgeTarget[edge]!, durationMs: 0, distanceM: 0, edge: -1, fraction: 1 });
  }
  return seeds;
}

/**
 * The leg that stays on one edge (both points on the same directed edge, target not behind the
 * source), or null. Competes with the leg through the network; the caller keeps the faster.
 */
export function sameEdgeLeg(
  graph: RoadGraph,
  tails: Uint32Array,
  from: SnappedPoint,
  to: SnappedPoint,
  weights: EdgeWeights,
): RouteLeg | null {
  let best: RouteLeg | null = null;
  for (const a of directions(from)) {
    for (const b of directions(to)) {
      const w = weights[a.edge]!;
      if (a.edge !== b.edge || b.fraction < a.fraction || w === Number.POSITIVE_INFINITY) continue;
      const ms = partialMs(w, b.fraction) - partialMs(w, a.fraction);
      const m = (b.fraction - a.fraction) * graph.edgeDistanceM[a.edge]!;
      if (best && best.durationMs <= ms) continue;
      best = {
        durationMs: ms,
        distanceM: m,
        edges: [a.edge],
        edgeMs: [ms],
        edgeDistM: [m],
        startNode: tails[a.edge]!,
        startPoint: from.point,
        endPoint: to.point,
      };
    }
  }
  return best;
}

/** The seed a path started (or ended) at: the best one on that node. */
function seedAt(seeds: readonly EndpointSeed[], node: number): EndpointSeed {
  let best: EndpointSeed | undefined;
  for (const s of seeds) {
    if (s.node !== node) continue;
    if (
      !best ||
      s.durationMs < best.durationMs ||
      (s.durationMs === best.durationMs && s.distanceM < best.distanceM)
    )
      best = s;
  }
  if (!best) throw new Error(`path endpoint ${node} is none of the seeds`);
  return best;
}

/** Builds the leg of a hierarchy path between two snapped points, partial edges included. */
export function legFromPath(
  graph: RoadGraph,
  path: HierarchyPath,
  ends: {
    from: SnappedPoint;
    fromSeeds: readonly EndpointSeed[];
    to: SnappedPoint;
    toSeeds: readonly EndpointSeed[];
  },
  weights: EdgeWeights,
): RouteLeg {
  const first = seedAt(ends.fromSeeds, path.sourceNode);
  const last = seedAt(ends.toSeeds, path.targetNode);
  const edges: number[] = [];
  const edgeMs: number[] = [];
  const edgeDistM: number[] = [];
  const drive = (edge: number, ms: number, m: number) => {
    edges.push(edge);
    edgeMs.push(ms);
    edgeDistM.push(m);
  };
  if (first.edge >= 0 && first.fraction < 1) drive(first.edge, first.durationMs, first.distanceM);
  for (const e of path.edges) drive(e, weights[e]!, graph.edgeDistanceM[e]!);
  if (last.edge >= 0 && last.fraction > 0) drive(last.edge, last.durationMs, last.distanceM);
  return {
    durationMs: path.durationMs,
    distanceM: edgeDistM.reduce((s, d) => s + d, 0),
    edges,
    edgeMs,
    edgeDistM,
    startNode: path.sourceNode,
    startPoint: ends.from.point,
    endPoint: ends.to.point,
  };
}

/**
 * The leg's line: the start point, every node passed, the end point ([lng, lat], unrounded).
 *
 * @example
 * legCoordinates(graph, leg); // [[7.4201, 43.7301], [7.421, 43.7302], ...]
 */
export function legCoordinates(graph: RoadGraph, leg: RouteLeg): LngLat[] {
  const coords: LngLat[] = [leg.startPoint];
  for (let i = 0; i + 1 < leg.edges.length; i++) {
    const v = graph.edgeTarget[leg.edges[i]!]!;
    coords.push([graph.nodeLng[v]!, graph.nodeLat[v]!]);
  }
  coords.push(leg.endPoint);
  return coords;
}

/** The graph nodes of a leg: both ends of every edge driven (partial ones included), in order. */
export function legNodes(graph: RoadGraph, tails: Uint32Array, leg: RouteLeg): number[] {
  if (leg.edges.length === 0) return [leg.startNode];
  return [tails[leg.edges[0]!]!, ...leg.edges.map((e) => graph.edgeTarget[e]!)];
}
