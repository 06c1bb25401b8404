import type { LngLat } from "@waybill/shared";
import Flatbush from "flatbush";
import type { RoadGraph } from "./road-graph";
import { angleDiffDeg, bearingDeg, interpolate, METERS_PER_DEGREE, projectOnSegment } from "./route-geo";

/** Options of {@link SnapIndex.snap}. */
export interface SnapOptions {
  /** Direction of travel, degrees from north; only edges whose direction is within the tolerance qualify. */
  readonly headingDeg?: number;
  /** Heading tolerance, degrees (default 60). */
  readonly headingToleranceDeg?: number;
  /** Farthest acceptable snap, metres (default 1,000); beyond it the result is null. */
  readonly maxDistanceM?: number;
  /** Edges that may be used (e.g. not closed); default all. */
  readonly isEdgeUsable?: (edge: number) => boolean;
}

/**
 * A coordinate placed on the road network: on directed `edge` at `fraction` (0 = its tail node,
 * 1 = its head node). `reverseEdge` is the opposite direction of the same street segment when it
 * may be used too (two-way street, no heading against it), else -1; its position is `1 - fraction`.
 */
export interface SnappedPoint {
  readonly edge: number;
  readonly reverseEdge: number;
  readonly fraction: number;
  /** Distance from the input coordinate to {@link point}, metres. */
  readonly distanceM: number;
  /** The projected point on the edge, [lng, lat]. */
  readonly point: LngLat;
}

const DEFAULT_MAX_DISTANCE_M = 1_000;
const FIRST_RADIUS_M = 30;

/**
 * Nearest-road lookup: a flatbush R-tree over the graph's street segments (one item per segment,
 * both directions of a two-way street share it; boxes in degrees), searched in growing boxes
 * around the point, with exact distances in a local projection. Built once per graph (~ms for
 * 30k edges); queries allocate only the small candidate list.
 *
 * @example
 * const index = new SnapIndex(graph);
 * index.snap([7.4246, 43.7384], { headingDeg: 90 })?.edge;
 */
export class SnapIndex {
  private readonly tree: Flatbush;
  /** The directed edge of each indexed segment. */
  private readonly segmentEdge: Uint32Array;
  /** Opposite directed edge of each edge (same way, reversed), or -1. */
  readonly reverseEdge: Int32Array;
  /** Tail node of each edge. */
  readonly edgeSource: Uint32Array;

  constructor(private readonly graph: RoadGraph) {
    this.edgeSource = tailsOf(graph);
    this.reverseEdge = findReverseEdges(graph, this.edgeSource);
    const segments: number[] = [];
    for (let e = 0; e < graph.edgeCount; e++) {
      const r = this.reverseEdge[e]!;
      if (this.edgeSource[e] !== graph.edgeTarget[e] && (r < 0 || e < r)) segments.push(e);
    }
    this.segmentEdge = Uint32Array.from(segments);
    this.tree = new Flatbush(Math.max(1, segments.length));
    for (const e of segments) {
      const u = this.edgeSource[e]!;
      const v = graph.edgeTarget[e]!;
      const [lngA, latA, lngB, latB] = [
        graph.nodeLng[u]!,
        graph.nodeLat[u]!,
        graph.nodeLng[v]!,
        graph.nodeLat[v]!,
      ];
      this.tree.add(Math.min(lngA, lngB), Math.min(latA, latB), Math.max(lngA, lngB), Math.max(latA, latB));
    }
    if (segments.length === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  /** The nearest usable edge position within the maximum distance, or null. */
  snap(point: LngLat, options: SnapOptions = {}): SnappedPoint | null {
    const maxM = options.maxDistanceM ?? DEFAULT_MAX_DISTANCE_M;
    for (let radiusM = Math.min(FIRST_RADIUS_M, maxM); ; radiusM = Math.min(radiusM * 4, maxM)) {
      const best = this.nearestWithin(point, radiusM, options);
      if (best && best.distanceM <= radiusM) return best;
      if (radiusM >= maxM) return null;
    }
  }

  /**
   * Calls `visit` once for every indexed street segment whose bounding box meets the square of
   * half-side `radiusM` metres around [lng, lat], with the segment's indexed direction (its
   * opposite, if any, is {@link reverseEdge}). For callers that score every nearby road
   * themselves, such as the map matcher; collects no result list.
   *
   * @example
   * index.visitSegmentsNear(7.4246, 43.7384, 50, (edge) => nearby.push(edge));
   */
  visitSegmentsNear(lng: number, lat: number, radiusM: number, visit: (edge: number) => void): void {
    const dLat = radiusM / METERS_PER_DEGREE;
    const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat, (item) => {
      const edge = this.segmentEdge[item];
      if (edge !== undefined) visit(edge); // undefined: the placeholder box of an empty graph
      return false;
    });
  }

  /** Best candidate among segments whose box meets the square of half-side `radiusM` around the point. */
  private nearestWithin(point: LngLat, radiusM: number, options: SnapOptions): SnappedPoint | null {
    const dLat = radiusM / METERS_PER_DEGREE;
    const dLng = dLat / Math.max(0.01, Math.cos((point[1] * Math.PI) / 180));
    const hits = this.tree.search(point[0] - dLng, point[1] - dLat, point[0] + dLng, point[1] + dLat);
    let best: SnappedPoint | null = null;
    for (const item of hits) {
      const e = this.segmentEdge[item];
      if (e === undefined) continue;
      const candidate = this.candidateOn(e, point, options);
      if (candidate && (!best || candidate.distanceM < best.distanceM)) best = candidate;
    }
    return best;
  }

  /** The snap onto one segment in its usable direction(s), or null if no direction qualifies. */
  private candidateOn(e: number, point: LngLat, options: SnapOptions): SnappedPoint | null {
    const g = this.graph;
    const u = this.edgeSource[e]!;
    const v = g.edgeTarget[e]!;
    const a: LngLat = [g.nodeLng[u]!, g.nodeLat[u]!];
    const b: LngLat = [g.nodeLng[v]!, g.nodeLat[v]!];
    const r = this.reverseEdge[e]!;
    const forward = this.directionOk(e, a, b, options);
    const backward = r >= 0 && this.directionOk(r, b, a, options);
    if (!forward && !backward) return null;
    const { fraction, distanceM } = projectOnSegment(point, a, b);
    const at = interpolate(a, b, fraction);
    if (forward) return { edge: e, reverseEdge: backward ? r : -1, fraction, distanceM, point: at };
    return { edge: r, reverseEdge: -1, fraction: 1 - fraction, distanceM, point: at };
  }

  private directionOk(edge: number, from: LngLat, to: LngLat, options: SnapOptions): boolean {
    if (options.isEdgeUsable && !options.isEdgeUsable(edge)) return false;
    if (options.headingDeg === undefined) return true;
    const bearing = bearingDeg(from[0], from[1], to[0], to[1]);
    return Math.abs(angleDiffDeg(options.headingDeg, bearing)) <= (options.headingToleranceDeg ?? 60);
  }
}

/** Tail node of every edge (CSR expanded). */
export function tailsOf(graph: RoadGraph): Uint32Array {
  const tails = new Uint32Array(graph.edgeCount);
  for (let u = 0; u < graph.nodeCount; u++) tails.fill(u, graph.firstEdge[u]!, graph.firstEdge[u + 1]!);
  return tails;
}

/** For each edge u→v, the edge v→u of the same way (else of any way), or -1. */
export function findReverseEdges(graph: RoadGraph, tails: Uint32Array): Int32Array {
  const reverse = new Int32Array(graph.edgeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = tails[e]!;
    const v = graph.edgeTarget[e]!;
    for (let r = graph.firstEdge[v]!; r < graph.firstEdge[v + 1]!; r++) {
      if (graph.edgeTarget[r] !== u || r === e) continue;
      if (reverse[e]! < 0 || graph.edgeWay[r] === graph.edgeWay[e]) reverse[e] = r;
    }
  }
  // Keep only mutual pairs, so that parallel edges never share (or lose) an index entry.
  for (let e = 0; e < graph.edgeCount; e++)
    if (reverse[e]! >= 0 && reverse[reverse[e]!] !== e) reverse[e] = -1;
  return reverse;
}
