import type {
  CircleLayerSpecification,
  GeoJSONSource,
  LineLayerSpecification,
  Map as MapLibreMap,
  SymbolLayerSpecification,
} from "maplibre-gl";
import { type MapLayerModule, removeLayersAndSource } from "../../map/map-layer";

/** A point or a line of the driver's map, [lng, lat]. */
export interface Feature {
  readonly type: "Feature";
  readonly id?: string;
  readonly geometry:
    | { readonly type: "Point"; readonly coordinates: [number, number] }
    | { readonly type: "LineString"; readonly coordinates: [number, number][] };
  readonly properties: Record<string, string | number | boolean>;
}

/** A GeoJSON collection of the driver's map. */
export interface Features {
  readonly type: "FeatureCollection";
  readonly features: readonly Feature[];
}

/** A layer of an overlay, without the source (the overlay fills it in). */
export type OverlayLayer =
  | Omit<CircleLayerSpecification, "source">
  | Omit<LineLayerSpecification, "source">
  | Omit<SymbolLayerSpecification, "source">;

const EMPTY: Features = { type: "FeatureCollection", features: [] };

/**
 * One GeoJSON source with its layers, as a {@link MapLayerModule}: mounted on every style load,
 * and {@link GeoJsonOverlay.setData} calls setData only for a new collection.
 */
export class GeoJsonOverlay implements MapLayerModule {
  private data: Features = EMPTY;
  private map: MapLibreMap | null = null;

  constructor(
    private readonly sourceId: string,
    private readonly layers: readonly OverlayLayer[],
  ) {}

  mount(map: MapLibreMap): void {
    this.map = map;
    if (map.getSource(this.sourceId)) return;
    map.addSource(this.sourceId, { type: "geojson", data: this.data });
    for (const layer of this.layers) map.addLayer({ ...layer, source: this.sourceId });
  }

  unmount(map: MapLibreMap): void {
    removeLayersAndSource(
      map,
      this.layers.map((layer) => layer.id),
      this.sourceId,
    );
    this.map = null;
  }

  /** Shows `data`; a no-op for the collection already shown. */
  setData(data: Features): void {
    if (data === this.data) return;
    this.data = data;
    void this.map?.getSource<GeoJSONSource>(this.sourceId)?.setData(data);
  }
}
