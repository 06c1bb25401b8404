import type { SessionDto } from "@waybill/shared";

// TODO: move MeDto and StreetsCollection to @waybill/shared once the server publishes them there.

/** Response of `GET /api/v1/me`. `mapStyleUrl` null means "draw the built-in offline style". */
export interface MeDto {
  readonly user: SessionDto["user"];
  readonly organisation: SessionDto["organisation"];
  readonly mapStyleUrl: string | null;
}

/** One street of `GET /api/v1/map/streets`; coordinates are `[lng, lat]`. */
export interface StreetFeature {
  type: "Feature";
  geometry: { type: "LineString"; coordinates: number[][] };
  properties: Record<string, unknown> | null;
}

/** Response of `GET /api/v1/map/streets`: the demo street grid or road network, possibly empty. */
export interface StreetsCollection {
  type: "FeatureCollection";
  features: StreetFeature[];
}
