import type { DriverStopDto } from "@waybill/shared";
import type { PositionFix } from "../outbox/outbox-action";
import type { Features } from "./geojson-overlay";
import { stopMarkerId } from "./stop-markers";

/**
 * The stops as points for the map: `marker` names the numbered marker image (coloured by how the
 * stop stands), `next` marks the one to serve now.
 *
 * @example
 * stopFeatures(view.stops, next?.id ?? null).features[0].properties; // { marker: "driver-stop:open:1", next: true }
 */
export function stopFeatures(stops: readonly DriverStopDto[], nextStopId: string | null): Features {
  return {
    type: "FeatureCollection",
    features: stops.map((stop, index) => ({
      type: "Feature",
      id: stop.id,
      geometry: { type: "Point", coordinates: [stop.place.lng, stop.place.lat] },
      properties: { marker: stopMarkerId(stop, index + 1), next: stop.id === nextStopId },
    })),
  };
}

/** The driving path to the next stop as a line; empty without one. */
export function pathFeatures(coordinates: readonly [number, number][] | null): Features {
  if (coordinates === null || coordinates.length < 2) return { type: "FeatureCollection", features: [] };
  return {
    type: "FeatureCollection",
    features: [
      { type: "Feature", geometry: { type: "LineString", coordinates: [...coordinates] }, properties: {} },
    ],
  };
}

/** The phone's own position as a point; empty before the first fix. */
export function positionFeatures(fix: PositionFix | null): Features {
  if (fix === null) return { type: "FeatureCollection", features: [] };
  return {
    type: "FeatureCollection",
    features: [
      { type: "Feature", geometry: { type: "Point", coordinates: [fix.lng, fix.lat] }, properties: {} },
    ],
  };
}
