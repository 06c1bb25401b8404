import type { LngLat } from "@waybill/shared";
import type { RoadGraph } from "../road/road-graph";
import { distanceM } from "../road/route-geo";
import { SnapIndex } from "../road/snap";
import { BoundedRouteSearch } from "./bounded-route-search";
import { CandidateFinder } from "./candidate-finder";
import { DEFAULT_MATCH_OPTIONS, type MatchOptions } from "./match-options";
import type { MatchedPoint } from "./match-types";
import { OnlineMatcher } from "./online-matcher";

/**
 * What every vehicle's matcher on one road graph shares: the graph, its segment index, the
 * opposite edge of each edge, the candidate finder and the route search buffers (sized by the
 * graph, allocated once). Matching is synchronous, so one network serves any number of
 * {@link OnlineMatcher}s in a thread; a matcher itself holds only its small Viterbi window.
 *
 * @example
 * const network = new MatchingNetwork(graph);
 * const matcher = network.createMatcher({ sigmaM: 8 });
 * for (const matched of matcher.push({ lng: 7.4246, lat: 43.7384, fixAt: Date.now() })) console.log(matched.point);
 */
export class MatchingNetwork {
  readonly tails: Uint32Array;
  readonly reverseEdge: Int32Array;
  readonly finder: CandidateFinder;
  readonly search: BoundedRouteSearch;

  constructor(
    readonly graph: RoadGraph,
    snapIndex: SnapIndex = new SnapIndex(graph),
  ) {
    this.tails = snapIndex.edgeSource;
    this.reverseEdge = snapIndex.reverseEdge;
    this.finder = new CandidateFinder(graph, snapIndex);
    this.search = new BoundedRouteSearch(graph, this.tails, this.reverseEdge);
  }

  /** A matcher for one vehicle; options not given take {@link DEFAULT_MATCH_OPTIONS}. */
  createMatcher(options: Partial<MatchOptions> = {}): OnlineMatcher {
    return new OnlineMatcher(this, { ...DEFAULT_MATCH_OPTIONS, ...options });
  }

  /** The matched point `offsetM` metres along `edge` for a fix at [fixLng, fixLat]. */
  matchedPoint(edge: number, offsetM: number, fixLng: number, fixLat: number): MatchedPoint {
    const lngLat = this.pointAt(edge, offsetM);
    return { edge, offsetM, lngLat, distanceM: distanceM(fixLng, fixLat, lngLat[0], lngLat[1]) };
  }

  /** The point `offsetM` metres along `edge`, [lng, lat]. */
  pointAt(edge: number, offsetM: number): LngLat {
    const { graph } = this;
    const u = this.tails[edge]!;
    const v = graph.edgeTarget[edge]!;
    const lengthM = graph.edgeDistanceM[edge]!;
    const f = lengthM > 0 ? Math.min(1, Math.max(0, offsetM / lengthM)) : 0;
    return [
      graph.nodeLng[u]! + (graph.nodeLng[v]! - graph.nodeLng[u]!) * f,
      graph.nodeLat[u]! + (graph.nodeLat[v]! - graph.nodeLat[u]!) * f,
    ];
  }
}
