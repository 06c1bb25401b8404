import type { StreetFeature, StreetsCollection } from "@waybill/shared";

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * The streets with a point within `radiusM` of `center` (a square, in metres, on the local
 * scale): the few blocks a customer's map shows around the delivery address, without sending
 * the whole network to a public page.
 *
 * @example
 * streetsNear(network, { lat: 43.7394, lng: 7.4276 }, 800).features.length; // a few hundred
 */
export function streetsNear(
  streets: StreetsCollection,
  center: { readonly lat: number; readonly lng: number },
  radiusM: number,
): StreetsCollection {
  const dLat = radiusM / METRES_PER_DEGREE_LAT;
  const dLng = radiusM / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
  const inside = ([lng, lat]: number[]) =>
    Math.abs((lat ?? Number.NaN) - center.lat) <= dLat && Math.abs((lng ?? Number.NaN) - center.lng) <= dLng;
  const features: StreetFeature[] = streets.features.filter((feature) =>
    feature.geometry.coordinates.some(inside),
  );
  return { type: "FeatureCollection", features };
}
