import type { LngLat } from "@waybill/shared";

/**
 * Small plane-geometry helpers for routing: bearings, angle differences and a local
 * equirectangular projection (metres around a reference point; error < 0.1 % within a few km,
 * which is all snapping and turn angles need).
 */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude. */
export const METERS_PER_DEGREE = EARTH_RADIUS_M * RAD;

/**
 * Initial bearing from a to b, degrees clockwise from north in [0, 360) (planar, short distances).
 *
 * @example
 * bearingDeg(7.42, 43.73, 7.42, 43.74); // 0 (north)
 */
export function bearingDeg(lngA: number, latA: number, lngB: number, latB: number): number {
  const x = (lngB - lngA) * Math.cos(((latA + latB) / 2) * RAD);
  const y = latB - latA;
  const deg = Math.atan2(x, y) / RAD;
  return deg < 0 ? deg + 360 : deg;
}

/**
 * Signed smallest difference `to - from` between two bearings, degrees in (-180, 180]; positive
 * means clockwise (a right turn).
 *
 * @example
 * angleDiffDeg(350, 10); // 20
 */
export function angleDiffDeg(fromDeg: number, toDeg: number): number {
  let d = (toDeg - fromDeg) % 360;
  if (d <= -180) d += 360;
  if (d > 180) d -= 360;
  return d;
}

/**
 * Distance between two points, metres (equirectangular; exact enough below tens of km).
 *
 * @example
 * distanceM(7.42, 43.73, 7.42, 43.731); // ≈ 111
 */
export function distanceM(lngA: number, latA: number, lngB: number, latB: number): number {
  const x = (lngB - lngA) * Math.cos(((latA + latB) / 2) * RAD);
  const y = latB - latA;
  return Math.sqrt(x * x + y * y) * METERS_PER_DEGREE;
}

/** Closest point of segment a–b to p: fraction along the segment (0..1) and distance, metres. */
export interface SegmentProjection {
  readonly fraction: number;
  readonly distanceM: number;
}

/**
 * Projects p onto segment a–b in a local equirectangular plane centred on p.
 *
 * @example
 * projectOnSegment([7.4205, 43.73], [7.42, 43.73], [7.421, 43.73]).fraction; // 0.5
 */
export function projectOnSegment(p: LngLat, a: LngLat, b: LngLat): SegmentProjection {
  const kx = Math.cos(p[1] * RAD) * METERS_PER_DEGREE;
  const ax = (a[0] - p[0]) * kx;
  const ay = (a[1] - p[1]) * METERS_PER_DEGREE;
  const bx = (b[0] - p[0]) * kx;
  const by = (b[1] - p[1]) * METERS_PER_DEGREE;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
  return { fraction: t, distanceM: Math.hypot(ax + t * dx, ay + t * dy) };
}

/** The point at `fraction` along a–b (linear in degrees, fine at edge scale). */
export function interpolate(a: LngLat, b: LngLat, fraction: number): LngLat {
  return [a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction];
}

const CARDINALS = [
  "north",
  "northeast",
  "east",
  "southeast",
  "south",
  "southwest",
  "west",
  "northwest",
] as const;

/**
 * The compass word for a bearing (eight sectors).
 *
 * @example
 * cardinalOf(95); // "east"
 */
export function cardinalOf(bearing: number): (typeof CARDINALS)[number] {
  return CARDINALS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8]!;
}

/**
 * Rounds a coordinate to 6 decimals (about 0.1 m), the precision of every coordinate we return.
 *
 * @example
 * roundLngLat([7.42460049, 43.73840051]); // [7.4246, 43.738401]
 */
export function roundLngLat(p: LngLat): LngLat {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}
