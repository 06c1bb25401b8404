import type { RoadGraph } from "../road/road-graph";
import { METERS_PER_DEGREE } from "../road/route-geo";
import type { SnapIndex } from "../road/snap";

const RAD = Math.PI / 180;

/**
 * The candidate positions of one fix, nearest first, in reusable typed arrays: `offsetM` metres
 * along directed `edge[i]`, at [`lng[i]`, `lat[i]`], `distanceM[i]` from the fix. Overwritten by
 * the next search.
 */
export class CandidateList {
  readonly edge: Int32Array;
  readonly offsetM: Float64Array;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly distanceM: Float64Array;
  count = 0;

  constructor(readonly capacity: number) {
    this.edge = new Int32Array(capacity);
    this.offsetM = new Float64Array(capacity);
    this.lng = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.distanceM = new Float64Array(capacity);
  }

  /** Inserts in distance order; past capacity the farthest is dropped. */
  insert(edge: number, offsetM: number, lng: number, lat: number, distanceM: number): void {
    let i: number;
    if (this.count < this.capacity) i = this.count++;
    else if (this.distanceM[this.capacity - 1]! <= distanceM) return;
    else i = this.capacity - 1;
    for (; i > 0 && this.distanceM[i - 1]! > distanceM; i--) {
      this.edge[i] = this.edge[i - 1]!;
      this.offsetM[i] = this.offsetM[i - 1]!;
      this.lng[i] = this.lng[i - 1]!;
      this.lat[i] = this.lat[i - 1]!;
      this.distanceM[i] = this.distanceM[i - 1]!;
    }
    this.edge[i] = edge;
    this.offsetM[i] = offsetM;
    this.lng[i] = lng;
    this.lat[i] = lat;
    this.distanceM[i] = distanceM;
  }
}

/**
 * Finds where a fix may be on the road: its projection on every street segment within a radius,
 * once per direction of travel the street allows. A projection clamped to the tail node of a
 * direction is left out unless `fromStart` (a chain's first fix, which nothing arrives at): that
 * place is the end of every edge arriving at the node, whose candidates may drive on in any
 * direction, where "start of this edge" would commit to one.
 *
 * @example
 * const list = new CandidateList(8);
 * finder.find(7.4246, 43.7384, 40, list); // list.count candidates, nearest first
 */
export class CandidateFinder {
  private lng = 0;
  private lat = 0;
  private radiusM = 0;
  private kx = 0;
  private fromStart = false;
  private out: CandidateList | null = null;

  constructor(
    private readonly graph: RoadGraph,
    private readonly index: SnapIndex,
  ) {}

  /** Fills `out` with the candidates within `radiusM` metres of [lng, lat]. */
  find(lng: number, lat: number, radiusM: number, out: CandidateList, fromStart = false): void {
    this.fromStart = fromStart;
    this.lng = lng;
    this.lat = lat;
    this.radiusM = radiusM;
    this.kx = Math.cos(lat * RAD) * METERS_PER_DEGREE;
    this.out = out;
    out.count = 0;
    this.index.visitSegmentsNear(lng, lat, radiusM, this.visit);
    this.out = null;
  }

  /** Projects the fix on one segment (local plane centred on the fix) and adds its directions. */
  private readonly visit = (edge: number): void => {
    const { graph, kx } = this;
    const u = this.index.edgeSource[edge]!;
    const v = graph.edgeTarget[edge]!;
    const ax = (graph.nodeLng[u]! - this.lng) * kx;
    const ay = (graph.nodeLat[u]! - this.lat) * METERS_PER_DEGREE;
    const dx = (graph.nodeLng[v]! - this.lng) * kx - ax;
    const dy = (graph.nodeLat[v]! - this.lat) * METERS_PER_DEGREE - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
    const px = ax + t * dx;
    const py = ay + t * dy;
    const distanceM = Math.hypot(px, py);
    if (distanceM > this.radiusM) return;
    const lng = this.lng + px / kx;
    const lat = this.lat + py / METERS_PER_DEGREE;
    const reverse = this.index.reverseEdge[edge]!;
    const out = this.out!;
    if (t > 0 || this.fromStart) out.insert(edge, t * graph.edgeDistanceM[edge]!, lng, lat, distanceM);
    if (reverse >= 0 && (t < 1 || this.fromStart))
      out.insert(reverse, (1 - t) * graph.edgeDistanceM[reverse]!, lng, lat, distanceM);
  };
}
