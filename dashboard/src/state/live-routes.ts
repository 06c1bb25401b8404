import type { StopDto } from "@waybill/shared";
import { routeColour } from "../map/layers/plan-route-features";

/** What a stop of a live route shows: open ones their status, today's finished ones their outcome. */
export type LiveStopState = "assigned" | "en_route" | "arrived" | "delivered" | "failed";

/** Colours of a stop on the live map, by its {@link LiveStopState}. */
export const STOP_STATUS_COLOURS: Readonly<Record<LiveStopState, string>> = {
  assigned: "#64748b",
  en_route: "#d97706",
  arrived: "#16a34a",
  delivered: "#1e3a8a",
  failed: "#b91c1c",
};

/**
 * How a stop is drawn on the live routes, or null when it is not (unassigned and cancelled stops
 * are on nobody's route).
 */
export function liveStopState(stop: Pick<StopDto, "status" | "outcome">): LiveStopState | null {
  switch (stop.status) {
    case "assigned":
    case "en_route":
    case "arrived":
      return stop.status;
    case "completed":
      return stop.outcome === "failed" ? "failed" : "delivered";
    default:
      return null;
  }
}

/**
 * Midnight at the start of the day `now` falls in, in the browser's time zone: the live routes
 * show the stops finished since then (`completedSince`).
 */
export function startOfLocalDay(now: Date): Date {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return start;
}

/** Prefix of the live stop marker images (`<prefix><status>:<number>`), drawn on demand. */
export const LIVE_STOP_MARKER_PREFIX = "waybill-live-stop:";

/** What a numbered stop of the live routes carries: its vehicle, its id, how it is drawn. */
export interface LiveStopProperties {
  readonly vehicleId: string;
  readonly stopId: string;
  readonly state: LiveStopState;
  readonly marker: string;
}

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
      properties: LiveStopProperties;
    };

/** The live-routes source's data. */
export interface LiveRouteCollection {
  type: "FeatureCollection";
  features: LiveRouteFeature[];
}

/**
 * The routes the vehicles drive today, from their open stops and those finished today: per vehicle
 * a thin line through its stops in sequence, in the vehicle's colour (vehicles sorted by id, so a
 * colour stays put between refreshes), and the stops numbered from 1, coloured by
 * {@link liveStopState}. Unassigned stops are left out; lines come first so the stops draw above.
 *
 * @example
 * source.setData(liveRouteFeatures([...openStops, ...finishedToday]));
 */
export function liveRouteFeatures(stops: readonly StopDto[]): LiveRouteCollection {
  const byVehicle = new Map<string, StopDto[]>();
  for (const stop of stops) {
    if (stop.vehicleId === null || liveStopState(stop) === null) continue;
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
      const state = liveStopState(stop)!;
      points.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [stop.place.lng, stop.place.lat] },
        properties: {
          vehicleId,
          stopId: stop.id,
          state,
          marker: `${LIVE_STOP_MARKER_PREFIX}${state}:${index + 1}`,
        },
      });
    });
  });
  return { type: "FeatureCollection", features: [...lines, ...points] };
}

/** Reads a live stop marker image id back into its colour and number; null for any other image. */
export function parseLiveStopMarker(imageId: string): { colour: string; number: number } | null {
  if (!imageId.startsWith(LIVE_STOP_MARKER_PREFIX)) return null;
  const [state, number] = imageId.slice(LIVE_STOP_MARKER_PREFIX.length).split(":");
  const colour = Object.hasOwn(STOP_STATUS_COLOURS, state ?? "")
    ? STOP_STATUS_COLOURS[state as LiveStopState]
    : undefined;
  const parsed = Number(number);
  if (colour === undefined || !Number.isInteger(parsed)) return null;
  return { colour, number: parsed };
}
