/** One road segment of `GET /api/v1/map/streets`; coordinates are `[lng, lat]`. */
export interface StreetFeature {
  readonly type: "Feature";
  readonly geometry: { readonly type: "LineString"; readonly coordinates: number[][] };
  readonly properties: { readonly name: string; readonly roadClass: string; readonly oneway: boolean } | null;
}

/** Response of `GET /api/v1/map/streets`: the routing engine's road network (possibly empty). */
export interface StreetsCollection {
  readonly type: "FeatureCollection";
  readonly features: StreetFeature[];
}

/**
 * A road closure or slowdown (`/api/v1/road-closures`). Closures are installation-wide (a closed
 * road is closed for every fleet); only the organisation that posted one may remove it.
 */
export interface RoadClosureDto {
  readonly id: string;
  readonly reason: string;
  readonly geometry: { readonly type: "LineString"; readonly coordinates: [number, number][] };
  /** closed, or slowed (speeds multiplied by speedFactor). */
  readonly kind: "closed" | "slowed";
  /** Speeds on the roads under the line are multiplied by this; null for a closure. */
  readonly speedFactor: number | null;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly active: boolean;
  /** Road segments (one direction each) the line matched. */
  readonly edgesClosed: number;
  readonly organisationId: string;
}
