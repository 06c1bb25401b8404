import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap, Subscription } from "maplibre-gl";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";
import { drawStopMarker } from "../stop-marker";
import {
  type DrawnRoutes,
  type PlanFeatureCollection,
  parseStopMarker,
  planFeatures,
} from "./plan-route-features";

/** Id of the plan routes GeoJSON source. */
export const PLAN_ROUTES_SOURCE_ID = "waybill-plan-routes";
const CASING_LAYER_ID = "waybill-plan-routes-casing";
const LINE_LAYER_ID = "waybill-plan-routes-line";
const STOP_LAYER_ID = "waybill-plan-routes-stops";

const EMPTY: PlanFeatureCollection = { type: "FeatureCollection", features: [] };

/**
 * The routes of the plan under review: one line per route in its colour (over a white casing) and
 * numbered stop markers, whose canvas-drawn images are added before the data that uses them.
 * Mounted under the vehicles, so live vehicles stay on top. {@link PlanRoutesLayer.show} calls setData only for a
 * new plan object; null clears the map.
 */
export class PlanRoutesLayer implements MapLayerModule {
  private data: PlanFeatureCollection = EMPTY;
  private map: MapLibreMap | null = null;
  private shown: DrawnRoutes | null = null;
  private subscriptions: Subscription[] = [];
  private readonly images = new Set<string>();

  constructor(private readonly onPickStop: (stopId: string) => void) {}

  mount(map: MapLibreMap): void {
    if (map.getSource(PLAN_ROUTES_SOURCE_ID)) return;
    this.images.clear();
    this.addMarkerImages(map);
    map.addSource(PLAN_ROUTES_SOURCE_ID, { type: "geojson", data: this.data });
    const lines: FilterSpecification = ["==", ["geometry-type"], "LineString"];
    map.addLayer({
      id: CASING_LAYER_ID,
      type: "line",
      source: PLAN_ROUTES_SOURCE_ID,
      filter: lines,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#ffffff", "line-width": 8, "line-opacity": 0.9 },
    });
    map.addLayer({
      id: LINE_LAYER_ID,
      type: "line",
      source: PLAN_ROUTES_SOURCE_ID,
      filter: lines,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": ["get", "colour"], "line-width": 4 },
    });
    map.addLayer({
      id: STOP_LAYER_ID,
      type: "symbol",
      source: PLAN_ROUTES_SOURCE_ID,
      filter: ["==", ["geometry-type"], "Point"],
      layout: { "icon-image": ["get", "marker"], "icon-allow-overlap": true, "icon-ignore-placement": true },
    });
    this.map = map;
    this.listen(map);
  }

  unmount(map: MapLibreMap): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    removeLayersAndSource(map, [STOP_LAYER_ID, LINE_LAYER_ID, CASING_LAYER_ID], PLAN_ROUTES_SOURCE_ID);
    for (const id of this.images) if (map.hasImage(id)) map.removeImage(id);
    this.images.clear();
    this.map = null;
  }

  /** Draws a plan's routes, coloured by the vehicles' order in the plan; null removes them. */
  show(plan: DrawnRoutes | null, vehicleOrder: readonly string[]): void {
    if (plan === this.shown) return;
    this.shown = plan;
    this.data = plan === null ? EMPTY : planFeatures(plan, vehicleOrder);
    const source = this.map?.getSource<GeoJSONSource>(PLAN_ROUTES_SOURCE_ID);
    if (!this.map || !source) return;
    this.addMarkerImages(this.map);
    void source.setData(this.data);
  }

  /** The features currently drawn (for fitting the camera, tests and diagnostics). */
  current(): PlanFeatureCollection {
    return this.data;
  }

  /** Adds the numbered marker images the data uses that the map lacks (drawn once per colour and number). */
  private addMarkerImages(map: MapLibreMap): void {
    for (const feature of this.data.features) {
      if (!("marker" in feature.properties)) continue;
      const id = feature.properties.marker;
      const marker = parseStopMarker(id);
      if (marker === null || map.hasImage(id)) continue;
      const { image, pixelRatio } = drawStopMarker(marker.colour, marker.number);
      map.addImage(id, image, { pixelRatio });
      this.images.add(id);
    }
  }

  private listen(map: MapLibreMap): void {
    const canvas = map.getCanvasContainer();
    this.subscriptions = [
      map.on("click", STOP_LAYER_ID, (event) => {
        const stopId = event.features?.[0]?.properties.stopId;
        if (typeof stopId === "string") this.onPickStop(stopId);
      }),
      map.on("mouseenter", STOP_LAYER_ID, () => canvas.classList.add("is-pointing")),
      map.on("mouseleave", STOP_LAYER_ID, () => canvas.classList.remove("is-pointing")),
    ];
  }
}
