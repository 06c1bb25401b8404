import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  Map as MapLibreMap,
  Subscription,
} from "maplibre-gl";
import type { RoadClosureDto } from "../../api/types";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";
import {
  CLOSURE_COLOURS,
  type ClosureSketch,
  type RoadClosureFeatureCollection,
  roadClosureFeatures,
} from "./road-closure-features";

const SOURCE_ID = "waybill-road-closures";
const CASING_LAYER_ID = "waybill-road-closures-casing";
const LINE_LAYER_ID = "waybill-road-closures-line";
const ROAD_LAYER_ID = "waybill-road-closures-draft-road";
const SKETCH_LAYER_ID = "waybill-road-closures-draft-line";
const POINTS_LAYER_ID = "waybill-road-closures-draft-points";

const role = (name: string): FilterSpecification => ["==", ["get", "role"], name];
const NO_SKETCH: ClosureSketch = { points: [], road: null };

/**
 * Road closures and slowdowns on the live map (dashed red and orange over a white casing, faded
 * while scheduled), and the closure being drawn: the clicked points, the straight line between
 * them and, when following roads, the road route that will be sent. Under the vehicles.
 */
export class RoadClosuresLayer implements MapLayerModule {
  private closures: readonly RoadClosureDto[] = [];
  private sketch: ClosureSketch = NO_SKETCH;
  private data: RoadClosureFeatureCollection = roadClosureFeatures([], NO_SKETCH);
  private map: MapLibreMap | null = null;
  private subscriptions: Subscription[] = [];

  constructor(private readonly onPick: (closureId: string) => void) {}

  mount(map: MapLibreMap): void {
    if (map.getSource(SOURCE_ID)) return;
    map.addSource(SOURCE_ID, { type: "geojson", data: this.data });
    const round = { "line-join": "round", "line-cap": "round" } as const;
    const faded: ExpressionSpecification = ["case", ["get", "active"], 1, 0.45];
    map.addLayer({
      id: CASING_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: role("closure"),
      layout: round,
      paint: { "line-color": "#ffffff", "line-width": 9, "line-opacity": faded },
    });
    map.addLayer({
      id: LINE_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: role("closure"),
      paint: {
        "line-color": ["get", "colour"],
        "line-width": 5,
        "line-dasharray": [1.5, 0.75],
        "line-opacity": faded,
      },
    });
    map.addLayer({
      id: ROAD_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: role("draft-road"),
      layout: round,
      paint: { "line-color": CLOSURE_COLOURS.closed, "line-width": 8, "line-opacity": 0.35 },
    });
    map.addLayer({
      id: SKETCH_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: role("draft-line"),
      paint: { "line-color": CLOSURE_COLOURS.draft, "line-width": 2, "line-dasharray": [2, 2] },
    });
    map.addLayer({
      id: POINTS_LAYER_ID,
      type: "circle",
      source: SOURCE_ID,
      filter: role("draft-point"),
      paint: {
        "circle-radius": 5,
        "circle-color": "#ffffff",
        "circle-stroke-color": CLOSURE_COLOURS.draft,
        "circle-stroke-width": 2,
      },
    });
    this.map = map;
    this.listen(map);
  }

  unmount(map: MapLibreMap): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    removeLayersAndSource(
      map,
      [POINTS_LAYER_ID, SKETCH_LAYER_ID, ROAD_LAYER_ID, LINE_LAYER_ID, CASING_LAYER_ID],
      SOURCE_ID,
    );
    this.map = null;
  }

  /** Draws these closures (the list the server returned). */
  showClosures(closures: readonly RoadClosureDto[]): void {
    this.closures = closures;
    this.redraw();
  }

  /** Draws the closure being drawn (empty points: none). */
  showSketch(sketch: ClosureSketch): void {
    this.sketch = sketch;
    this.redraw();
  }

  /** The features drawn (for fitting the camera, tests and diagnostics). */
  current(): RoadClosureFeatureCollection {
    return this.data;
  }

  private redraw(): void {
    this.data = roadClosureFeatures(this.closures, this.sketch);
    void this.map?.getSource<GeoJSONSource>(SOURCE_ID)?.setData(this.data);
  }

  private listen(map: MapLibreMap): void {
    const canvas = map.getCanvasContainer();
    this.subscriptions = [
      map.on("click", LINE_LAYER_ID, (event) => {
        const id = event.features?.[0]?.properties.id;
        if (typeof id === "string") this.onPick(id);
      }),
      map.on("mouseenter", LINE_LAYER_ID, () => canvas.classList.add("is-pointing")),
      map.on("mouseleave", LINE_LAYER_ID, () => canvas.classList.remove("is-pointing")),
    ];
  }
}
