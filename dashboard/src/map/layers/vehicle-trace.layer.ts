import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";

const SOURCE_ID = "waybill-vehicle-trace";
const CASING_LAYER_ID = "waybill-vehicle-trace-casing";
const LINE_LAYER_ID = "waybill-vehicle-trace-line";
/**
 * Live fixes extend the trace on the map at most this often: every redraw repaints the whole map,
 * which costs next to nothing on a GPU and a large share of a frame in software rendering.
 */
const REDRAW_EVERY_MS = 5_000;

interface TraceCollection {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "LineString"; coordinates: [number, number][] };
    properties: object;
  }[];
}

/**
 * The selected vehicle's driven trace: its recent track from the server, then its live fixes
 * appended as they come. One line under the vehicles, in the selection colour.
 */
export class VehicleTraceLayer implements MapLayerModule {
  private coordinates: [number, number][] = [];
  private map: MapLibreMap | null = null;
  private drawnAt = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;

  mount(map: MapLibreMap): void {
    if (map.getSource(SOURCE_ID)) return;
    map.addSource(SOURCE_ID, { type: "geojson", data: this.collection() });
    const round = { "line-join": "round", "line-cap": "round" } as const;
    map.addLayer({
      id: CASING_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      layout: round,
      paint: { "line-color": "#ffffff", "line-width": 6, "line-opacity": 0.8 },
    });
    map.addLayer({
      id: LINE_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      layout: round,
      paint: { "line-color": "#1d4ed8", "line-width": 3, "line-opacity": 0.75 },
    });
    this.map = map;
  }

  unmount(map: MapLibreMap): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    removeLayersAndSource(map, [LINE_LAYER_ID, CASING_LAYER_ID], SOURCE_ID);
    this.map = null;
  }

  /** Replaces the trace (empty: none) and draws it now. */
  show(coordinates: readonly (readonly [number, number])[]): void {
    this.coordinates = coordinates.map(([lng, lat]): [number, number] => [lng, lat]);
    this.redraw();
  }

  /** Adds a live fix to the end of the trace; drawn within {@link REDRAW_EVERY_MS}. */
  append(lng: number, lat: number): void {
    this.coordinates.push([lng, lat]);
    if (this.pending !== null) return;
    const waitMs = Math.max(0, this.drawnAt + REDRAW_EVERY_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      this.redraw();
    }, waitMs);
  }

  /** Points of the trace held now (for tests and diagnostics). */
  pointCount(): number {
    return this.coordinates.length;
  }

  private redraw(): void {
    this.drawnAt = Date.now();
    void this.map?.getSource<GeoJSONSource>(SOURCE_ID)?.setData(this.collection());
  }

  private collection(): TraceCollection {
    if (this.coordinates.length < 2) return { type: "FeatureCollection", features: [] };
    const geometry = { type: "LineString" as const, coordinates: this.coordinates };
    return { type: "FeatureCollection", features: [{ type: "Feature", geometry, properties: {} }] };
  }
}
