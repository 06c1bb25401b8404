import type { LineStringGeometry, LngLat } from "@waybill/shared";
import type { RoadGraph } from "./road-graph";
import { roundLngLat } from "./route-geo";
import { legCoordinates, legNodes, type RouteLeg } from "./route-leg";
import { buildLegSteps, type RouteStep } from "./route-steps";

/** Totals of one leg (between two consecutive input points). */
export interface RouteLegSummary {
  readonly distanceM: number;
  readonly durationS: number;
}

/**
 * A route through 2+ points, as returned to clients. Coordinates are [lng, lat] rounded to 6
 * decimals (≈ 0.1 m), distances to 0.1 m, durations to the millisecond. `osmNodeIds` lists the
 * OSM nodes of every edge driven, including both ends of the partial edges at start and finish.
 */
export interface RouteResult {
  readonly distanceM: number;
  readonly durationS: number;
  readonly osmNodeIds: number[];
  readonly geometry: LineStringGeometry;
  readonly steps: RouteStep[];
  readonly legs: RouteLegSummary[];
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Appends coordinates, skipping a point equal to the previous one. */
function appendDistinct(out: LngLat[], points: readonly LngLat[]): void {
  for (const p of points) {
    const r = roundLngLat(p);
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== r[0] || prev[1] !== r[1]) out.push(r);
  }
}

/**
 * Assembles legs into the client's route: totals, one LineString, node ids and (unless
 * `steps: false`) the steps of all legs in order, intermediate points arriving as waypoints.
 *
 * @example
 * const route = buildRouteResponse(graph, tails, [leg]);
 * route.geometry.coordinates[0]; // the snapped start, [lng, lat]
 */
export function buildRouteResponse(
  graph: RoadGraph,
  tails: Uint32Array,
  legs: readonly RouteLeg[],
  options: { readonly steps?: boolean } = {},
): RouteResult {
  const coordinates: LngLat[] = [];
  const osmNodeIds: number[] = [];
  const steps: RouteStep[] = [];
  legs.forEach((leg, k) => {
    const legCoords = legCoordinates(graph, leg);
    appendDistinct(coordinates, legCoords);
    for (const v of legNodes(graph, tails, leg)) {
      const id = graph.nodeOsmId[v]!;
      if (osmNodeIds[osmNodeIds.length - 1] !== id) osmNodeIds.push(id);
    }
    if (options.steps === false) return;
    for (const s of buildLegSteps(graph, tails, leg, k + 1 < legs.length ? k + 1 : undefined, legCoords))
      steps.push(s);
  });
  if (coordinates.length === 1) coordinates.push(coordinates[0]!);
  const totalMs = legs.reduce((s, l) => s + l.durationMs, 0);
  const totalM = legs.reduce((s, l) => s + l.distanceM, 0);
  return {
    distanceM: round(totalM, 1),
    durationS: round(totalMs / 1000, 3),
    osmNodeIds,
    geometry: { type: "LineString", coordinates },
    steps,
    legs: legs.map((l) => ({ distanceM: round(l.distanceM, 1), durationS: round(l.durationMs / 1000, 3) })),
  };
}
