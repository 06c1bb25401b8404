import type { LngLat } from "@waybill/shared";
import { createLocalProjection, type PlanarPoint } from "./local-projection";

/** Where a vehicle is after some distance, and which way it is driving. */
export interface RoutePosition {
  readonly position: LngLat;
  /** Compass bearing of travel, degrees clockwise from north in [0, 360). */
  readonly bearingDeg: number;
}

/** Walks a route by distance driven. */
export interface RouteWalker {
  /** Length of the route one way, metres. */
  readonly lengthM: number;
  /** True when the route ends where it starts: it is driven in laps, else back and forth. */
  readonly closed: boolean;
  /** Position after driving `travelledM` metres from the start, any number of laps. */
  positionAt(travelledM: number): RoutePosition;
}

/** A route whose ends are closer than this is a closed ring, metres. */
const CLOSED_RING_TOLERANCE_M = 1;

/**
 * Prepares a route (a line of `[lng, lat]`) for walking. A closed ring loops back to its start; an
 * open line is driven to its end and back (ping-pong). Plain planar maths on an equirectangular
 * projection around the first point.
 *
 * @throws {RangeError} when the route has fewer than 2 distinct points.
 * @example
 * const walker = createRouteWalker([[7.42, 43.73], [7.43, 43.73]]);
 * walker.positionAt(100); // 100 m east of the start, bearing 90
 */
export function createRouteWalker(route: readonly LngLat[]): RouteWalker {
  const projection = createLocalProjection(route[0] ?? [0, 0]);
  const points = withoutRepeats(route.map(projection.toMeters));
  if (points.length < 2) throw new RangeError("a route needs at least 2 distinct points");
  const cumulativeM = cumulativeLengths(points);
  const lengthM = cumulativeM[cumulativeM.length - 1] ?? 0;
  const closed = distanceM(points[0]!, points[points.length - 1]!) < CLOSED_RING_TOLERANCE_M;
  const positionAt = (travelledM: number): RoutePosition => {
    const lapM = closed ? lengthM : 2 * lengthM;
    const inLapM = ((travelledM % lapM) + lapM) % lapM;
    const backwards = inLapM > lengthM;
    const { point, bearingDeg } = pointAlong(points, cumulativeM, backwards ? lapM - inLapM : inLapM);
    return {
      position: projection.toLngLat(point),
      bearingDeg: backwards ? (bearingDeg + 180) % 360 : bearingDeg,
    };
  };
  return { lengthM, closed, positionAt };
}

/**
 * The point `alongM` metres along a planar line, and the bearing of its segment there. Clamped to
 * the line's ends.
 */
export function pointAlong(
  points: readonly PlanarPoint[],
  cumulativeM: readonly number[],
  alongM: number,
): { point: PlanarPoint; bearingDeg: number } {
  const segment = segmentIndexAt(cumulativeM, alongM);
  const [x0, y0] = points[segment]!;
  const [x1, y1] = points[segment + 1]!;
  const segmentM = cumulativeM[segment + 1]! - cumulativeM[segment]!;
  const fraction = Math.min(1, Math.max(0, (alongM - cumulativeM[segment]!) / segmentM));
  return {
    point: [x0 + (x1 - x0) * fraction, y0 + (y1 - y0) * fraction],
    bearingDeg: bearingDeg(x1 - x0, y1 - y0),
  };
}

/** Compass bearing of a planar vector east `dxM`, north `dyM`, degrees in [0, 360). */
export function bearingDeg(dxM: number, dyM: number): number {
  const deg = (Math.atan2(dxM, dyM) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** Index of the segment holding `alongM`: binary search over cumulative lengths. */
function segmentIndexAt(cumulativeM: readonly number[], alongM: number): number {
  let low = 0;
  let high = cumulativeM.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (cumulativeM[mid]! <= alongM) low = mid;
    else high = mid - 1;
  }
  return low;
}

function cumulativeLengths(points: readonly PlanarPoint[]): number[] {
  const cumulativeM = [0];
  for (let i = 1; i < points.length; i++)
    cumulativeM.push(cumulativeM[i - 1]! + distanceM(points[i - 1]!, points[i]!));
  return cumulativeM;
}

function withoutRepeats(points: readonly PlanarPoint[]): PlanarPoint[] {
  return points.filter((point, i) => i === 0 || distanceM(points[i - 1]!, point) > 0);
}

const distanceM = (a: PlanarPoint, b: PlanarPoint): number => Math.hypot(b[0] - a[0], b[1] - a[1]);
