import type { DriverStopDto, StreetsCollection } from "@waybill/shared";
import { fitMapToExtent } from "../../map/fit-bounds";
import { StreetsLayer } from "../../map/layers/streets.layer";
import { MapView } from "../../map/map-view";
import type { PositionFix } from "../outbox/outbox-action";
import { pathFeatures, positionFeatures, stopFeatures } from "./driver-features";
import { GeoJsonOverlay } from "./geojson-overlay";
import { drawStopMarkerImage } from "./stop-markers";

/** What the driver's map shows. */
export interface RouteMapData {
  readonly stops: readonly DriverStopDto[];
  readonly nextStopId: string | null;
  /** The directions to the next stop, [lng, lat]; null while unknown. */
  readonly path: readonly [number, number][] | null;
  readonly position: PositionFix | null;
}

/**
 * The route on the offline base map: the streets, the path to the next stop, every stop as a
 * numbered marker (the next one larger) and the phone's position. Framed on the stops, the phone
 * and the path when the stops first arrive.
 */
export class RouteMap {
  private readonly view: MapView;
  private readonly stops = new GeoJsonOverlay("driver-stops", [
    {
      id: "driver-stops-marker",
      type: "symbol",
      layout: {
        "icon-image": ["get", "marker"],
        "icon-size": ["case", ["get", "next"], 1.5, 1.1],
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
        "symbol-sort-key": ["case", ["get", "next"], 1, 0],
      },
    },
  ]);
  private readonly path = new GeoJsonOverlay("driver-path", [
    {
      id: "driver-path-line",
      type: "line",
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#0037a6", "line-width": 6, "line-opacity": 0.85 },
    },
  ]);
  private readonly position = new GeoJsonOverlay("driver-position", [
    {
      id: "driver-position-dot",
      type: "circle",
      paint: {
        "circle-color": "#00a3ff",
        "circle-radius": 9,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 4,
      },
    },
  ]);
  private framed = false;

  constructor(container: HTMLElement, streets: Promise<StreetsCollection>) {
    const streetsLayer = new StreetsLayer();
    this.view = new MapView({
      container,
      styleUrl: null,
      baseLayers: [streetsLayer],
      overlays: [this.path, this.stops, this.position],
    });
    // Markers are drawn when a layer first asks for one: the offline style has no sprite. (In
    // maplibre 6 an image added from a `styleimagemissing` listener comes too late to be used.)
    this.view.map.setMissingStyleImageResolver((imageId) => {
      const marker = drawStopMarkerImage(imageId);
      if (marker !== null) this.view.map.addImage(imageId, marker.image, { pixelRatio: marker.pixelRatio });
    });
    streets.then(
      (collection) => streetsLayer.setStreets(collection),
      // Offline on first open: the stops still show on the plain background.
      (error: unknown) => console.warn("Waybill: the street map is not available", error),
    );
  }

  /** Shows the route; frames the stops, the phone and the path the first time there are stops. */
  update(data: RouteMapData): void {
    this.stops.setData(stopFeatures(data.stops, data.nextStopId));
    this.path.setData(pathFeatures(data.path));
    this.position.setData(positionFeatures(data.position));
    if (this.framed || data.stops.length === 0) return;
    const points: [number, number][] = data.stops.map((stop) => [stop.place.lng, stop.place.lat]);
    if (data.position) points.push([data.position.lng, data.position.lat]);
    this.framed = fitMapToExtent(this.view.map, extentOf([...points, ...(data.path ?? [])]));
  }

  /** Re-measures the container (it was hidden while the map tab was closed). */
  resize(): void {
    this.view.map.resize();
  }

  destroy(): void {
    this.view.destroy();
  }
}

/** West, south, east, north of [lng, lat] points. */
function extentOf(points: readonly (readonly [number, number])[]): [number, number, number, number] {
  const lngs = points.map(([lng]) => lng);
  const lats = points.map(([, lat]) => lat);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}
