const METERS_PER_DEGREE_LAT = 110_574;
const METERS_PER_DEGREE_LNG_AT_EQUATOR = 111_320;
const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Distance between two nearby points in metres, equirectangular approximation (good to <1 % over a
 * few kilometres, which is all the gap between two fixes ever spans). Cheap enough for hot loops.
 *
 * @example
 * approxDistanceMeters(7.42, 43.73, 7.43, 43.73); // ≈ 804
 */
export function approxDistanceMeters(fromLng: number, fromLat: number, toLng: number, toLat: number): number {
  const { eastMeters, northMeters } = offsetMeters(fromLng, fromLat, toLng, toLat);
  return Math.hypot(eastMeters, northMeters);
}

/**
 * Compass bearing from one nearby point to another, degrees clockwise from north in [0, 360).
 *
 * @example
 * approxBearingDeg(7.42, 43.73, 7.43, 43.73); // 90
 */
export function approxBearingDeg(fromLng: number, fromLat: number, toLng: number, toLat: number): number {
  const { eastMeters, northMeters } = offsetMeters(fromLng, fromLat, toLng, toLat);
  const bearingDeg = Math.atan2(eastMeters, northMeters) / RADIANS_PER_DEGREE;
  return (bearingDeg + 360) % 360;
}

function offsetMeters(fromLng: number, fromLat: number, toLng: number, toLat: number) {
  const meanLatRad = ((fromLat + toLat) / 2) * RADIANS_PER_DEGREE;
  return {
    eastMeters: (toLng - fromLng) * METERS_PER_DEGREE_LNG_AT_EQUATOR * Math.cos(meanLatRad),
    northMeters: (toLat - fromLat) * METERS_PER_DEGREE_LAT,
  };
}
