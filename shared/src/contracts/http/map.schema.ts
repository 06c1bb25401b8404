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
