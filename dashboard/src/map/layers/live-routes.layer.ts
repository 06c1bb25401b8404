import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { type LiveRouteCollection, parseLiveStopMarker } from "../../state/live-routes";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";
import { drawStopMarker } from "../stop-marker";

/** Id of the live routes GeoJSON source. */
export const LIVE_ROUTES_SOURCE_ID = "waybill-live-routes";
const LINE_LAYER_ID = "waybill-live-routes-line";
const STOP_LAYER_ID = "waybill-live-routes-stops";

const EMPTY: LiveRouteCollection = { type: "FeatureCollection", features: [] };

/**
 * The routes the vehicles drive now: a thin line per vehicle in its colour and small numbered stop
 * markers coloured by stop status (canvas-drawn: the offline style has no glyphs). Mounted at the
 * bottom of the overlays; hidden while a plan or a proposal is drawn over it.
 */
export class LiveRoutesLayer implements MapLayerModule {
  private data: LiveRouteCollection = EMPTY;
  private map: MapLibreMap | null = null;
  private visible = true;
  private readonly images = new Set<string>();

  mount(map: MapLibreMap): void {
    if (map.getSource(LIVE_ROUTES_SOURCE_ID)) return;
    this.images.clear();
    this.addMarkerImages(map);
    map.addSource(LIVE_ROUTES_SOURCE_ID, { type: "geojson", data: this.data });
    const visibility = this.visible ? "visible" : "none";
    map.addLayer({
      id: LINE_LAYER_ID,
      type: "line",
      source: LIVE_ROUTES_SOURCE_ID,
      filter: ["==", ["geometry-type"], "LineString"] as FilterSpecification,
      layout: { "line-join": "round", "line-cap": "round", visibility },
      paint: { "line-color": ["get", "colour"], "line-width": 2, "line-opacity": 0.7 },
    });
    map.addLayer({
      id: STOP_LAYER_ID,
      type: "symbol",
      source: LIVE_ROUTES_SOURCE_ID,
      filter: ["==", ["geometry-type"], "Point"] as FilterSpecification,
      layout: {
        "icon-image": ["get", "marker"],
        "icon-size": 0.8,
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
        visibility,
      },
    });
    this.map = map;
  }

  unmount(map: MapLibreMap): void {
    removeLayersAndSource(map, [STOP_LAYER_ID, LINE_LAYER_ID], LIVE_ROUTES_SOURCE_ID);
    for (const id of this.images) if (map.hasImage(id)) map.removeImage(id);
    this.images.clear();
    this.map = null;
  }

  /** Replaces the drawn routes. */
  show(data: LiveRouteCollection): void {
    this.data = data;
    const source = this.map?.getSource<GeoJSONSource>(LIVE_ROUTES_SOURCE_ID);
    if (!this.map || !source) return;
    this.addMarkerImages(this.map);
    void source.setData(this.data);
  }

  /** Shows or hides the routes (hidden while a plan or proposal is drawn). */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    for (const id of [LINE_LAYER_ID, STOP_LAYER_ID])
      if (this.map?.getLayer(id)) this.map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
  }

  /** The features currently held (for tests and diagnostics). */
  current(): LiveRouteCollection {
    return this.data;
  }

  private addMarkerImages(map: MapLibreMap): void {
    for (const feature of this.data.features) {
      if (!("marker" in feature.properties)) continue;
      const id = feature.properties.marker;
      const marker = parseLiveStopMarker(id);
      if (marker === null || map.hasImage(id)) continue;
      const { image, pixelRatio } = drawStopMarker(marker.colour, marker.number);
      map.addImage(id, image, { pixelRatio });
      this.images.add(id);
    }
  }
}
