import type { LngLat } from "@waybill/shared";

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Length of one degree of latitude (and of longitude at the equator), metres. */
export const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** Planar metres east (`x`) and north (`y`) of a projection's origin. */
export type PlanarPoint = readonly [xM: number, yM: number];

/** Converts between `[lng, lat]` and local planar metres. */
export interface LocalProjection {
  toMeters(position: LngLat): PlanarPoint;
  toLngLat(point: PlanarPoint): LngLat;
}

/**
 * An equirectangular projection around `origin`: exact enough (well under 1%) over a city, and
 * cheap enough for the simulator's per-tick path, unlike great-circle maths.
 *
 * @example
 * const projection = createLocalProjection([7.4246, 43.7384]);
 * projection.toMeters([7.4346, 43.7384]); // [~804, 0]
 */
export function createLocalProjection(origin: LngLat): LocalProjection {
  const [originLng, originLat] = origin;
  const metersPerDegreeLng = METERS_PER_DEGREE * Math.cos((originLat * Math.PI) / 180);
  return {
    toMeters: ([lng, lat]) => [(lng - originLng) * metersPerDegreeLng, (lat - originLat) * METERS_PER_DEGREE],
    toLngLat: ([xM, yM]) => [originLng + xM / metersPerDegreeLng, originLat + yM / METERS_PER_DEGREE],
  };
}
