import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import type { StreetsCollection } from "../../api/types";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";

const SOURCE_ID = "waybill-streets";
const CASING_LAYER_ID = "waybill-streets-casing";
const LINE_LAYER_ID = "waybill-streets-line";

const widthByZoom = (atZoom10: number, atZoom17: number): ExpressionSpecification => [
  "interpolate",
  ["exponential", 1.6],
  ["zoom"],
  10,
  atZoom10,
  17,
  atZoom17,
];

/**
 * The street network from `GET /api/v1/map/streets` as the offline base map's roads: a grey
 * casing under a white line. {@link StreetsLayer.setStreets} calls setData only for new data.
 */
export class StreetsLayer implements MapLayerModule {
  private streets: StreetsCollection = { type: "FeatureCollection", features: [] };
  private map: MapLibreMap | null = null;

  mount(map: MapLibreMap): void {
    if (map.getSource(SOURCE_ID)) return;
    map.addSource(SOURCE_ID, { type: "geojson", data: this.streets });
    map.addLayer({
      id: CASING_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#cbd3dc", "line-width": widthByZoom(1.6, 16) },
    });
    map.addLayer({
      id: LINE_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#ffffff", "line-width": widthByZoom(0.8, 13) },
    });
    this.map = map;
  }

  unmount(map: MapLibreMap): void {
    removeLayersAndSource(map, [LINE_LAYER_ID, CASING_LAYER_ID], SOURCE_ID);
    this.map = null;
  }

  /** Replaces the street network; a no-op for the collection already shown. */
  setStreets(streets: StreetsCollection): void {
    if (streets === this.streets) return;
    this.streets = streets;
    void this.map?.getSource<GeoJSONSource>(SOURCE_ID)?.setData(streets);
  }

  /** The streets currently held (empty until loaded). */
  current(): StreetsCollection {
    return this.streets;
  }
}
