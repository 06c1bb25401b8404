import type { GeoJSONSource, Map as MapLibreMap, Subscription } from "maplibre-gl";
import type { FleetTable } from "../../state/fleet-table";
import { drawHeadingArrow } from "../heading-arrow";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";
import { type VehicleFeatureCollection, writeVehicleFeatures } from "./vehicle-features";
import { arrowLayer, circleLayer, HEADING_ARROW_IMAGE_ID, haloLayer } from "./vehicle-paint";

/** Id of the vehicles GeoJSON source. */
export const VEHICLES_SOURCE_ID = "waybill-vehicles";
const SOURCE_ID = VEHICLES_SOURCE_ID;
const HALO_LAYER_ID = "waybill-vehicles-halo";
const CIRCLE_LAYER_ID = "waybill-vehicles-circle";
const ARROW_LAYER_ID = "waybill-vehicles-heading";

/**
 * Every vehicle with a fix as one GeoJSON source (circle + heading arrow + selection halo).
 * No DOM per vehicle: 2,000 vehicles are 2,000 points in one source. {@link VehiclesLayer.draw}
 * calls setData only when the table's draw version moved.
 */
export class VehiclesLayer implements MapLayerModule {
  private readonly collection: VehicleFeatureCollection = { type: "FeatureCollection", features: [] };
  private map: MapLibreMap | null = null;
  private drawnVersion = -1;
  private selectedId: string | null = null;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly table: FleetTable,
    private readonly onSelect: (vehicleId: string) => void,
  ) {}

  mount(map: MapLibreMap): void {
    if (map.getSource(SOURCE_ID)) return;
    if (!map.hasImage(HEADING_ARROW_IMAGE_ID)) {
      const arrow = drawHeadingArrow();
      map.addImage(HEADING_ARROW_IMAGE_ID, arrow.image, { pixelRatio: arrow.pixelRatio });
    }
    writeVehicleFeatures(this.table, this.collection);
    map.addSource(SOURCE_ID, { type: "geojson", data: this.collection, promoteId: "vid" });
    map.addLayer(haloLayer(HALO_LAYER_ID, SOURCE_ID));
    map.addLayer(circleLayer(CIRCLE_LAYER_ID, SOURCE_ID));
    map.addLayer(arrowLayer(ARROW_LAYER_ID, SOURCE_ID));
    this.drawnVersion = this.table.drawVersion;
    this.map = map;
    this.listen(map);
    this.applySelection(this.selectedId, true);
  }

  unmount(map: MapLibreMap): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    removeLayersAndSource(map, [ARROW_LAYER_ID, CIRCLE_LAYER_ID, HALO_LAYER_ID], SOURCE_ID);
    if (map.hasImage(HEADING_ARROW_IMAGE_ID)) map.removeImage(HEADING_ARROW_IMAGE_ID);
    this.map = null;
  }

  /** Sends the drawn positions to the map if anything drawn changed since the last call. */
  draw(): void {
    if (this.table.drawVersion === this.drawnVersion) return;
    const source = this.map?.getSource<GeoJSONSource>(SOURCE_ID);
    if (!source) return;
    writeVehicleFeatures(this.table, this.collection);
    void source.setData(this.collection);
    this.drawnVersion = this.table.drawVersion;
  }

  /** How many vehicle circles the map renders in view right now (for tests and diagnostics). */
  renderedCount(): number {
    return this.map?.queryRenderedFeatures({ layers: [CIRCLE_LAYER_ID] }).length ?? 0;
  }

  /** Highlights one vehicle (or none) through feature-state; no setData needed. */
  select(vehicleId: string | null): void {
    this.applySelection(this.selectedId, false);
    this.selectedId = vehicleId;
    this.applySelection(vehicleId, true);
  }

  private applySelection(vehicleId: string | null, selected: boolean): void {
    if (vehicleId === null || !this.map?.getSource(SOURCE_ID)) return;
    this.map.setFeatureState({ source: SOURCE_ID, id: vehicleId }, { selected });
  }

  private listen(map: MapLibreMap): void {
    const canvas = map.getCanvasContainer();
    this.subscriptions = [
      map.on("click", CIRCLE_LAYER_ID, (event) => {
        const vehicleId = event.features?.[0]?.properties.vid;
        if (typeof vehicleId === "string") this.onSelect(vehicleId);
      }),
      map.on("mouseenter", CIRCLE_LAYER_ID, () => canvas.classList.add("is-pointing")),
      map.on("mouseleave", CIRCLE_LAYER_ID, () => canvas.classList.remove("is-pointing")),
    ];
  }
}
