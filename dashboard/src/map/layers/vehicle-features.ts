import type { FleetTable } from "../../state/fleet-table";

/** Properties of a vehicle point. Short keys: they cross to the map worker on every frame. */
export interface VehicleFeatureProperties {
  /** Vehicle id; the source promotes it to the feature id for feature-state. */
  vid: string;
  /** {@link VehicleStatus} */
  s: number;
  /** Heading in degrees, -1 when unknown. */
  h: number;
}

/** One vehicle as a GeoJSON point. */
export interface VehicleFeature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: VehicleFeatureProperties;
}

/** The vehicles source's data; reused from frame to frame. */
export interface VehicleFeatureCollection {
  type: "FeatureCollection";
  features: VehicleFeature[];
}

/**
 * Writes one point per vehicle with a fix, at its drawn (interpolated) position, into `collection`,
 * reusing the feature objects of the previous frame: O(n), no allocation once warmed up.
 *
 * @example
 * writeVehicleFeatures(table, collection);
 * source.setData(collection);
 */
export function writeVehicleFeatures(table: FleetTable, collection: VehicleFeatureCollection): void {
  const { shownLng, shownLat, headingDeg } = table.col;
  const features = collection.features;
  let written = 0;
  for (let row = 0; row < table.count; row++) {
    const lng = shownLng[row]!;
    if (Number.isNaN(lng)) continue;
    const feature = features[written] ?? createFeature(features);
    feature.geometry.coordinates[0] = lng;
    feature.geometry.coordinates[1] = shownLat[row]!;
    const properties = feature.properties;
    properties.vid = table.ids[row]!;
    properties.s = table.status[row]!;
    const heading = headingDeg[row]!;
    properties.h = Number.isNaN(heading) ? -1 : heading;
    written++;
  }
  features.length = written;
}

function createFeature(features: VehicleFeature[]): VehicleFeature {
  const feature: VehicleFeature = {
    type: "Feature",
    geometry: { type: "Point", coordinates: [0, 0] },
    properties: { vid: "", s: 0, h: -1 },
  };
  features.push(feature);
  return feature;
}
