/**
 * Unit conversions. Names carry their unit (`speedKmh`, `distanceMeters`) so no brand is needed
 * at the wire edge; these helpers keep the factors in one place.
 *
 * @example
 * kmhToMps(36); // 10
 */
export const kmhToMps = (speedKmh: number): number => speedKmh / 3.6;
/** Metres per second to kilometres per hour. */
export const mpsToKmh = (speedMps: number): number => speedMps * 3.6;
/** Knots to kilometres per hour. */
export const knotsToKmh = (speedKnots: number): number => speedKnots * 1.852;
