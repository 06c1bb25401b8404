import type { PlannedRouteDto } from "@waybill/shared";

/**
 * Route colours, far apart in hue and readable on the light base map and on each other; they
 * repeat after the last one. Index = the vehicle's place in the plan's vehicle list, so a route
 * keeps its colour when stops move between routes.
 */
export const ROUTE_COLOURS = [
  "#2563eb",
  "#db2777",
  "#16a34a",
  "#ea580c",
  "#7c3aed",
  "#0891b2",
  "#ca8a04",
  "#dc2626",
] as const;

/** Prefix of the numbered stop marker images (`<prefix><colour index>:<number>`), drawn on demand. */
export const STOP_MARKER_PREFIX = "waybill-plan-stop:";

/**
 * The colour of the route of the `index`-th vehicle of a plan.
 *
 * @example
 * routeColour(0); // "#2563eb"
 * routeColour(ROUTE_COLOURS.length); // "#2563eb" again
 */
export function routeColour(index: number): string {
  return ROUTE_COLOURS[colourIndex(index)]!;
}

/** A route line or a numbered stop of a plan, as the plan-routes source holds it. */
export type PlanFeature =
  | {
      type: "Feature";
      geometry: { type: "LineString"; coordinates: [number, number][] };
      properties: { vehicleId: string; colour: string };
    }
  | {
      type: "Feature";
      geometry: { type: "Point"; coordinates: [number, number] };
      properties: { vehicleId: string; stopId: string; colour: string; marker: string };
    };

/**
 * Routes to draw: a plan's, or any other set of vehicle routes (a contingency proposal's), as
 * vehicles with their stops in sequence and, when known, the road geometry.
 */
export interface DrawnRoutes {
  readonly routes: readonly {
    readonly vehicleId: string;
    readonly stops: readonly { readonly stopId: string; readonly lng: number; readonly lat: number }[];
    readonly geometry: PlannedRouteDto["geometry"];
  }[];
}

/** The plan-routes source's data. */
export interface PlanFeatureCollection {
  type: "FeatureCollection";
  features: PlanFeature[];
}

/**
 * The routes of a plan as lines (the road geometry, else straight legs between the stops) and
 * numbered stop points, coloured by the vehicle's place in `vehicleOrder`. Routes without stops
 * draw nothing.
 *
 * @example
 * source.setData(planFeatures(plan, ["veh_A", "veh_B"]));
 */
export function planFeatures(plan: DrawnRoutes, vehicleOrder: readonly string[]): PlanFeatureCollection {
  const lines: PlanFeature[] = [];
  const stops: PlanFeature[] = [];
  for (const route of plan.routes) {
    if (route.stops.length === 0) continue;
    const place = Math.max(0, vehicleOrder.indexOf(route.vehicleId));
    const colour = routeColour(place);
    const legs = route.stops.map((stop): [number, number] => [stop.lng, stop.lat]);
    const coordinates = route.geometry?.coordinates.map(([lng, lat]): [number, number] => [lng, lat]) ?? legs;
    lines.push({
      type: "Feature",
      geometry: {
        type: "LineString",
        coordinates: coordinates.length > 1 ? coordinates : [...legs, ...legs],
      },
      properties: { vehicleId: route.vehicleId, colour },
    });
    route.stops.forEach((stop, index) => {
      stops.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [stop.lng, stop.lat] },
        properties: {
          vehicleId: route.vehicleId,
          stopId: stop.stopId,
          colour,
          marker: `${STOP_MARKER_PREFIX}${colourIndex(place)}:${index + 1}`,
        },
      });
    });
  }
  // Stops after lines, so a symbol layer filtered on points draws them above every route.
  return { type: "FeatureCollection", features: [...lines, ...stops] };
}

/** Reads a stop marker image id back into its colour and number; null for any other image. */
export function parseStopMarker(imageId: string): { colour: string; number: number } | null {
  if (!imageId.startsWith(STOP_MARKER_PREFIX)) return null;
  const [colour, number] = imageId.slice(STOP_MARKER_PREFIX.length).split(":").map(Number);
  if (!Number.isInteger(colour) || !Number.isInteger(number)) return null;
  return { colour: routeColour(colour!), number: number! };
}

function colourIndex(index: number): number {
  return ((index % ROUTE_COLOURS.length) + ROUTE_COLOURS.length) % ROUTE_COLOURS.length;
}
