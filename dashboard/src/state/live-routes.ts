import type { StopDto, StopStatus } from "@waybill/shared";
import { routeColour } from "../map/layers/plan-route-features";

/** Colours of an open stop on the live map, by its status. */
export const STOP_STATUS_COLOURS: Readonly<Partial<Record<StopStatus, string>>> = {
  assigned: "#64748b",
  en_route: "#d97706",
  arrived: "#16a34a",
};

/** Prefix of the live stop marker images (`<prefix><status>:<number>`), drawn on demand. */
export const LIVE_STOP_MARKER_PREFIX = "waybill-live-stop:";

/** A route line or a numbered stop of the assigned routes, as the live-routes source holds it. */
export type LiveRouteFeature =
  | {
      type: "Feature";
      geometry: { type: "LineString"; coordinates: [number, number][] };
      properties: { vehicleId: string; colour: string };
    }
  | {
      type: "Feature";
      geometry: { type: "Point"; coordinates: [number, number] };
      properties: { vehicleId: string; stopId: string; status: StopStatus; marker: string };
    };

/** The live-routes source's data. */
export interface LiveRouteCollection {
  type: "FeatureCollection";
  features: LiveRouteFeature[];
}

/**
 * The routes the vehicles drive now, from the open stops (`GET /api/v1/stops?open=true`): per
 * vehicle a thin line through its stops in sequence, in the vehicle's colour (vehicles sorted by
 * id, so a colour stays put between refreshes), and the stops numbered from 1, coloured by status.
 * Unassigned stops are left out; lines come first so the stops draw above them.
 *
 * @example
 * source.setData(liveRouteFeatures(await api.listOpenStops()));
 */
export function liveRouteFeatures(stops: readonly StopDto[]): LiveRouteCollection {
  const byVehicle = new Map<string, StopDto[]>();
  for (const stop of stops) {
    if (stop.vehicleId === null || STOP_STATUS_COLOURS[stop.status] === undefined) continue;
    const route = byVehicle.get(stop.vehicleId) ?? [];
    route.push(stop);
    byVehicle.set(stop.vehicleId, route);
  }
  const lines: LiveRouteFeature[] = [];
  const points: LiveRouteFeature[] = [];
  [...byVehicle.keys()].sort().forEach((vehicleId, place) => {
    const route = byVehicle
      .get(vehicleId)!
      .sort((a, b) => (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER));
    const coordinates = route.map((stop): [number, number] => [stop.place.lng, stop.place.lat]);
    if (coordinates.length > 1)
      lines.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates },
        properties: { vehicleId, colour: routeColour(place) },
      });
    route.forEach((stop, index) => {
      points.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [stop.place.lng, stop.place.lat] },
        properties: {
          vehicleId,
          stopId: stop.id,
          status: stop.status,
          marker: `${LIVE_STOP_MARKER_PREFIX}${stop.status}:${index + 1}`,
        },
      });
    });
  });
  return { type: "FeatureCollection", features: [...lines, ...points] };
}

/** Reads a live stop marker image id back into its colour and number; null for any other image. */
export function parseLiveStopMarker(imageId: string): { colour: string; number: number } | null {
  if (!imageId.startsWith(LIVE_STOP_MARKER_PREFIX)) return null;
  const [status, number] = imageId.slice(LIVE_STOP_MARKER_PREFIX.length).split(":");
  const colour = STOP_STATUS_COLOURS[status as StopStatus];
  const parsed = Number(number);
  if (colour === undefined || !Number.isInteger(parsed)) return null;
  return { colour, number: parsed };
}
