import type { LineStringFeature, LngLat } from "@waybill/shared";
import { roundLngLat } from "../road/route-geo";
import type { MatchOptions } from "./match-options";
import type { GpsFix, MatchedFix } from "./match-types";
import type { MatchingNetwork } from "./matching-network";

/** A whole track matched: one result per fix and the driven path they join into. */
export interface MatchedTrack {
  /** One per input fix, in input order. */
  readonly fixes: readonly MatchedFix[];
  /** Directed edges driven, in order; an edge continued from one fix to the next appears once. */
  readonly edges: readonly number[];
  /** The driven line: the first matched point, every node passed, the last matched point. */
  readonly coordinates: readonly LngLat[];
  /** Places where no plausible route joined two matched points (the line jumps there). */
  readonly breaks: number;
  /** Per fix, in input order: the index in {@link coordinates} of its matched point, or null. */
  readonly fixVertices: readonly (number | null)[];
}

/**
 * Matches a recorded track in one go: the online matcher fed every fix, then finished.
 *
 * @example
 * const track = matchTrack(network, fixes);
 * track.fixes[0]?.point?.lngLat; // where the first fix was on the road
 */
export function matchTrack(
  network: MatchingNetwork,
  fixes: readonly GpsFix[],
  options: Partial<MatchOptions> = {},
): MatchedTrack {
  const matcher = network.createMatcher(options);
  const results: MatchedFix[] = [];
  for (const fix of fixes) for (const m of matcher.push(fix)) results.push(m);
  for (const m of matcher.finish()) results.push(m);
  return joinMatchedFixes(network, results);
}

/**
 * Joins per-fix results (in order) into the driven path: edges, line and breaks. The live
 * pipeline can feed it the results of {@link OnlineMatcher.push} as they come.
 */
export function joinMatchedFixes(network: MatchingNetwork, fixes: readonly MatchedFix[]): MatchedTrack {
  const { graph } = network;
  const edges: number[] = [];
  const coordinates: LngLat[] = [];
  const fixVertices: (number | null)[] = [];
  let breaks = 0;
  const addPoint = (p: LngLat) => {
    const prev = coordinates[coordinates.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) coordinates.push(p);
  };
  for (const { point, path } of fixes) {
    if (!point) {
      fixVertices.push(null);
      continue;
    }
    if (path === null) {
      if (edges.length > 0) breaks++;
      edges.push(point.edge);
    } else {
      for (let k = 1; k < path.length; k++) {
        const v = graph.edgeTarget[path[k - 1]!]!;
        addPoint([graph.nodeLng[v]!, graph.nodeLat[v]!]);
        edges.push(path[k]!);
      }
    }
    addPoint(point.lngLat);
    fixVertices.push(coordinates.length - 1);
  }
  return { fixes, edges, coordinates, breaks, fixVertices };
}

/**
 * OSM node ids along directed edges in driving order (both ends of every edge, partial ones
 * included), consecutive repeats removed.
 *
 * @example
 * osmNodeIdsOf(network, track.edges); // [25177410, 25177413, ...]
 */
export function osmNodeIdsOf(network: MatchingNetwork, edges: readonly number[]): number[] {
  const { graph, tails } = network;
  const ids: number[] = [];
  const add = (node: number) => {
    const id = graph.nodeOsmId[node]!;
    if (ids[ids.length - 1] !== id) ids.push(id);
  };
  for (const e of edges) {
    add(tails[e]!);
    add(graph.edgeTarget[e]!);
  }
  return ids;
}

/** Properties of {@link matchedTrackFeature}. */
export interface MatchedTrackProperties {
  /** OSM node ids of the driven path, in driving order, consecutive repeats removed. */
  readonly osmNodeIds: number[];
  /** The matched [lng, lat] of each fix in input order, or null where a fix matched nothing. */
  readonly points: (LngLat | null)[];
  /** Places where the line jumps because no plausible route joined two matched points. */
  readonly breaks: number;
}

/**
 * The matched track as a GeoJSON Feature: the driven LineString (coordinates rounded to 6
 * decimals; a single point is repeated to make a valid line) and its OSM node ids and points.
 *
 * @example
 * JSON.stringify(matchedTrackFeature(network, matchTrack(network, fixes)));
 */
export function matchedTrackFeature(
  network: MatchingNetwork,
  track: MatchedTrack,
): LineStringFeature<MatchedTrackProperties> {
  const coordinates = track.coordinates.map(roundLngLat);
  if (coordinates.length === 1) coordinates.push(coordinates[0]!);
  return {
    type: "Feature",
    geometry: { type: "LineString", coordinates },
    properties: {
      osmNodeIds: osmNodeIdsOf(network, track.edges),
      points: track.fixes.map((m) => (m.point ? roundLngLat(m.point.lngLat) : null)),
      breaks: track.breaks,
    },
  };
}
