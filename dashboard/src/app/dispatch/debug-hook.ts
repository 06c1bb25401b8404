import type { PlanFeatureCollection } from "../../map/layers/plan-route-features";
import type { FleetTable } from "../../state/fleet-table";
import type { LiveStopProperties } from "../../state/live-routes";

/** A vehicle's position as the page holds it: the latest fix and where it is drawn right now. */
export interface DebugVehiclePosition {
  readonly fixAt: number;
  readonly lng: number;
  readonly lat: number;
  readonly shownLng: number;
  readonly shownLat: number;
}

/**
 * Read-only window into the live map for end-to-end tests and support sessions
 * (`window.__waybill` in the browser console). It exposes nothing the page does not already show.
 */
export interface WaybillDebugHook {
  vehicleCount(): number;
  vehicleIds(): string[];
  vehiclePosition(vehicleId: string): DebugVehiclePosition | null;
  connectionStatus(): string;
  mapSettled(): boolean;
  renderedVehicleCount(): number;
  /** Routes of the plan under review drawn on the map (0 when none). */
  planRouteCount(): number;
  /** Numbered plan stops drawn on the map. */
  planStopCount(): number;
  /** Where the replay marker is drawn, or null when no day is replayed. */
  replayMarker(): { lng: number; lat: number } | null;
  /** Saved road closures drawn on the map. */
  closureCount(): number;
  /** Numbered stops of the live routes (today's, open and finished), drawn unless a plan or proposal is. */
  liveStopCount(): number;
  /** Those stops: vehicle, stop id and how each is drawn (assigned … delivered, failed). */
  liveStops(): LiveStopProperties[];
  /** Points of the selected vehicle's driven trace on the map (0 when none is selected). */
  tracePointCount(): number;
  /** Counters since the page started, for the frame-rate bench: see {@link MapStats}. */
  mapStats(): MapStats;
  /** Where a point of the map is on the page now, CSS pixels from the viewport's top left. */
  screenPoint(lng: number, lat: number): { x: number; y: number };
}

/** Running counters of the live map (they only grow). */
export interface MapStats {
  /** Live fixes applied to the fleet table (older and duplicate fixes are not counted). */
  readonly fixesApplied: number;
  /** Times the vehicles overlay was redrawn. */
  readonly vehicleDraws: number;
  /** Frames maplibre rendered. */
  readonly mapRenders: number;
}

/** Live readings the hook forwards. */
export interface DebugHookSources {
  readonly connectionStatus: () => string;
  readonly mapSettled: () => boolean;
  readonly renderedVehicleCount: () => number;
  readonly planFeatures: () => PlanFeatureCollection;
  readonly replayMarker: () => { lng: number; lat: number } | null;
  readonly closureCount: () => number;
  readonly liveStops: () => LiveStopProperties[];
  readonly tracePointCount: () => number;
  readonly mapStats: () => MapStats;
  readonly screenPoint: (lng: number, lat: number) => { x: number; y: number };
}

declare global {
  interface Window {
    __waybill?: WaybillDebugHook;
  }
}

/**
 * Installs `window.__waybill` over a fleet table; returns the uninstaller.
 *
 * @example
 * const uninstall = installDebugHook(table, { connectionStatus, mapSettled, renderedVehicleCount, planFeatures, … });
 */
export function installDebugHook(table: FleetTable, sources: DebugHookSources): () => void {
  const hook: WaybillDebugHook = {
    vehicleCount: () => table.count,
    vehicleIds: () => table.ids.slice(0, table.count),
    vehiclePosition: (vehicleId) => readPosition(table, vehicleId),
    connectionStatus: sources.connectionStatus,
    mapSettled: sources.mapSettled,
    renderedVehicleCount: sources.renderedVehicleCount,
    planRouteCount: () => countGeometry(sources.planFeatures(), "LineString"),
    planStopCount: () => countGeometry(sources.planFeatures(), "Point"),
    replayMarker: sources.replayMarker,
    closureCount: sources.closureCount,
    liveStopCount: () => sources.liveStops().length,
    liveStops: sources.liveStops,
    tracePointCount: sources.tracePointCount,
    mapStats: sources.mapStats,
    screenPoint: sources.screenPoint,
  };
  window.__waybill = Object.freeze(hook);
  return () => {
    if (window.__waybill === hook) delete window.__waybill;
  };
}

function readPosition(table: FleetTable, vehicleId: string): DebugVehiclePosition | null {
  const row = table.rowOf(vehicleId);
  if (row < 0 || Number.isNaN(table.col.fixAt[row]!)) return null;
  const { fixAt, lng, lat, shownLng, shownLat } = table.col;
  return {
    fixAt: fixAt[row]!,
    lng: lng[row]!,
    lat: lat[row]!,
    shownLng: shownLng[row]!,
    shownLat: shownLat[row]!,
  };
}

function countGeometry(collection: PlanFeatureCollection, type: "LineString" | "Point"): number {
  return collection.features.filter((feature) => feature.geometry.type === type).length;
}
