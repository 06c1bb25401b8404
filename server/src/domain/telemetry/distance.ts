const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * Great-circle distance between two points, metres (haversine; plain math, no allocation, for the
 * per-message hot path where turf would be too slow).
 *
 * @example
 * haversineMeters(43.7384, 7.4246, 43.7403, 7.4268); // ≈ 274
 */
export function haversineMeters(latA: number, lngA: number, latB: number, lngB: number): number {
  const dLat = (latB - latA) * RAD;
  const dLng = (lngB - lngA) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latA * RAD) * Math.cos(latB * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
