/**
 * Coordinates are `[lng, lat]` in GeoJSON order everywhere; object fields are `lng` and `lat`.
 *
 * @example
 * const monaco: LngLat = [7.4246, 43.7384];
 */
export type LngLat = readonly [lng: number, lat: number];

/** A GeoJSON LineString geometry. */
export interface LineStringGeometry {
  readonly type: "LineString";
  readonly coordinates: readonly LngLat[];
}

/** A GeoJSON Feature with a LineString geometry and free properties. */
export interface LineStringFeature<P = Record<string, unknown>> {
  readonly type: "Feature";
  readonly geometry: LineStringGeometry;
  readonly properties: P;
}

/** True when the latitude lies in [-90, 90]. */
export const isValidLat = (lat: number): boolean => Number.isFinite(lat) && lat >= -90 && lat <= 90;
/** True when the longitude lies in [-180, 180]. */
export const isValidLng = (lng: number): boolean => Number.isFinite(lng) && lng >= -180 && lng <= 180;
