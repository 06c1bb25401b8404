import type { LngLatBoundsLike, Map as MapLibreMap } from "maplibre-gl";
import type { StreetsCollection } from "../api/types";
import type { FleetTable } from "../state/fleet-table";
import type { PlanFeatureCollection } from "./layers/plan-route-features";

/** West, south, east, north in degrees. */
type Extent = [west: number, south: number, east: number, north: number];

const EMPTY: Extent = [Infinity, Infinity, -Infinity, -Infinity];

/**
 * Frames the given extent, instantly; a lone point gets a street-level zoom. `coveredLeft` is the
 * width (px) of a panel over the map's left edge, kept clear of the extent.
 * Returns false (and does nothing) for an empty extent.
 *
 * @example
 * fitMapToExtent(map, fleetExtent(table));
 */
export function fitMapToExtent(map: MapLibreMap, extent: Extent | null, coveredLeft = 0): boolean {
  if (extent === null) return false;
  const [west, south, east, north] = extent;
  const bounds: LngLatBoundsLike = [
    [west, south],
    [east, north],
  ];
  const padding = coveredLeft > 0 ? { top: 64, right: 64, bottom: 64, left: 64 + coveredLeft } : 64;
  map.fitBounds(bounds, { padding, maxZoom: 16, duration: 0 });
  return true;
}

/** Extent of every vehicle with a fix, or null when none has one. */
export function fleetExtent(table: FleetTable): Extent | null {
  const extent: Extent = [...EMPTY];
  const { shownLng, shownLat } = table.col;
  for (let row = 0; row < table.count; row++) {
    if (!Number.isNaN(shownLng[row]!)) extend(extent, shownLng[row]!, shownLat[row]!);
  }
  return extent[0] === Infinity ? null : extent;
}

/** Extent of a street network, or null when it is empty. */
export function streetsExtent(streets: StreetsCollection): Extent | null {
  const extent: Extent = [...EMPTY];
  for (const feature of streets.features) {
    for (const [lng, lat] of feature.geometry.coordinates) {
      if (lng !== undefined && lat !== undefined) extend(extent, lng, lat);
    }
  }
  return extent[0] === Infinity ? null : extent;
}

/** Extent of a plan's route lines and stops, or null when it draws nothing. */
export function planExtent(collection: PlanFeatureCollection): Extent | null {
  const extent: Extent = [...EMPTY];
  for (const feature of collection.features) {
    const points =
      feature.geometry.type === "Point" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const [lng, lat] of points) extend(extent, lng, lat);
  }
  return extent[0] === Infinity ? null : extent;
}

/**
 * Extent of some points, or null when there are none.
 *
 * @example
 * fitMapToExtent(map, pointsExtent(closure.geometry.coordinates));
 */
export function pointsExtent(points: Iterable<readonly [number, number]>): Extent | null {
  const extent: Extent = [...EMPTY];
  for (const [lng, lat] of points) extend(extent, lng, lat);
  return extent[0] === Infinity ? null : extent;
}

function extend(extent: Extent, lng: number, lat: number): void {
  extent[0] = Math.min(extent[0], lng);
  extent[1] = Math.min(extent[1], lat);
  extent[2] = Math.max(extent[2], lng);
  extent[3] = Math.max(extent[3], lat);
}
