import type { LngLat } from "@waybill/shared";
import type { MatchOptions } from "./match-options";
import type { GpsFix } from "./match-types";
import { matchedTrackFeature, matchTrack } from "./matched-track";
import type { MatchingNetwork } from "./matching-network";

/**
 * A matched track in plain arrays (what a routing worker sends back): the driven line, its OSM
 * node ids, and per fix where it lies on the line and whether a road path leads to it.
 */
export interface MatchedTrackLine {
  /** The driven line, [lng, lat] rounded to 6 decimals: matched points and the road nodes between. */
  readonly coordinates: readonly LngLat[];
  /** OSM node ids of the driven path, in driving order. */
  readonly osmNodeIds: number[];
  /** Per fix: its matched position, or null where it matched nothing (off the network, an outlier). */
  readonly points: (LngLat | null)[];
  /** Per fix: the index in {@link coordinates} of its matched position, or null. */
  readonly fixVertices: (number | null)[];
  /**
   * Per fix: true when the line reaches it from the previous matched fix along the roads; false
   * for a fix without a point, the first of the track and the first after a break (a gap or a
   * stretch off the network that no plausible route bridges: the line jumps there).
   */
  readonly joined: boolean[];
  /** How many times the line jumps. */
  readonly breaks: number;
}

/**
 * Matches a recorded track and describes it in plain arrays.
 *
 * @example
 * const line = matchTrackLine(network, fixes);
 * line.coordinates[line.fixVertices[0] ?? 0]; // where the first fix was on the road
 */
export function matchTrackLine(
  network: MatchingNetwork,
  fixes: readonly GpsFix[],
  options: Partial<MatchOptions> = {},
): MatchedTrackLine {
  const track = matchTrack(network, fixes, options);
  const { geometry, properties } = matchedTrackFeature(network, track);
  return {
    coordinates: geometry.coordinates,
    osmNodeIds: properties.osmNodeIds,
    points: properties.points,
    fixVertices: [...track.fixVertices],
    joined: track.fixes.map((m) => m.point !== null && m.path !== null),
    breaks: track.breaks,
  };
}

/**
 * Cuts a long track into pieces of at most `size` fixes (at least 2), each starting with the last
 * fix of the one before, so that matching it piece by piece leaves no hole at the seams.
 *
 * @example
 * overlappingPieces([1, 2, 3, 4, 5], 3); // [[1, 2, 3], [3, 4, 5]]
 */
export function overlappingPieces<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 2)) throw new Error(`pieces need at least 2 items, got ${size}`);
  const pieces: T[][] = [items.slice(0, size)];
  for (let start = size - 1; start < items.length - 1; start += size - 1)
    pieces.push(items.slice(start, start + size));
  return pieces;
}

/**
 * Joins the matches of {@link overlappingPieces} into the match of the whole track. The fix two
 * pieces share takes its place from the later piece, reached from the earlier piece's end when
 * both matched it (the line steps from one matched place of that fix to the other there).
 *
 * @example
 * const line = joinMatchedPieces(await Promise.all(overlappingPieces(fixes, 3_600).map(match)));
 */
export function joinMatchedPieces(pieces: readonly MatchedTrackLine[]): MatchedTrackLine {
  const [first, ...rest] = pieces;
  if (!first) throw new Error("joinMatchedPieces needs at least one piece");
  const whole = {
    coordinates: [...first.coordinates],
    osmNodeIds: [...first.osmNodeIds],
    points: [...first.points],
    fixVertices: [...first.fixVertices],
    joined: [...first.joined],
    breaks: first.breaks,
  };
  for (const piece of rest) {
    const offset = whole.coordinates.length;
    const endVertex = whole.fixVertices.pop();
    const reachedEnd = (whole.joined.pop() ?? false) && endVertex === offset - 1;
    whole.points.pop();
    const startsAtFirst = piece.fixVertices[0] === 0;
    whole.coordinates.push(...piece.coordinates);
    whole.osmNodeIds.push(...piece.osmNodeIds.slice(sharedNodeCount(whole.osmNodeIds, piece.osmNodeIds)));
    whole.points.push(...piece.points);
    whole.fixVertices.push(...piece.fixVertices.map((v) => (v === null ? null : v + offset)));
    whole.joined.push(reachedEnd && startsAtFirst, ...piece.joined.slice(1));
    whole.breaks += piece.breaks + (reachedEnd && startsAtFirst ? 0 : 1);
  }
  return whole;
}

/**
 * How many node ids `next` starts with that `ids` ends with: both pieces list the road segment of
 * the fix they share (its two ends), or one of its nodes.
 */
function sharedNodeCount(ids: readonly number[], next: readonly number[]): number {
  for (let k = Math.min(2, ids.length, next.length); k > 0; k--)
    if (next.slice(0, k).every((id, j) => id === ids[ids.length - k + j])) return k;
  return 0;
}
