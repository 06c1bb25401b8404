import "maplibre-gl/dist/maplibre-gl.css";
import type { Place, StreetsCollection } from "@waybill/shared";
import { Map as MapLibreMap, Marker, setWorkerUrl } from "maplibre-gl";
// maplibre finds its worker via import.meta.url, which a vite build breaks; hand it the built URL.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { StreetsLayer } from "../map/layers/streets.layer";
import { createOfflineStyle } from "../map/offline-style";

setWorkerUrl(workerUrl);

/** Street level: the pin and a few blocks around it. */
const ZOOM = 15;

/**
 * A small still map of the delivery address with a pin, on the offline style: it sends no request
 * anywhere, so the tracking token never reaches a third party. Not interactive, so it never traps
 * a scrolling thumb. Its container gets `data-state="ready"` once drawn.
 */
export class DestinationMap {
  private readonly map: MapLibreMap;
  private readonly marker: Marker;
  private readonly streets = new StreetsLayer();

  /** Throws when the browser has no WebGL. */
  constructor(
    private readonly container: HTMLElement,
    place: Place,
  ) {
    this.map = new MapLibreMap({
      container,
      style: createOfflineStyle(),
      center: [place.lng, place.lat],
      zoom: ZOOM,
      interactive: false,
      attributionControl: false,
    });
    this.marker = new Marker({ color: "#1d4ed8" }).setLngLat([place.lng, place.lat]).addTo(this.map);
    this.map.once("load", () => this.streets.mount(this.map));
    this.map.once("idle", () => {
      container.dataset.state = "ready";
    });
    this.map.on("error", (event) => console.warn("Waybill: map error", event.error));
  }

  /** Draws the streets around the address (from our own server: still no third party). */
  showStreets(streets: StreetsCollection): void {
    this.streets.setStreets(streets);
    this.map.once("idle", () => {
      this.container.dataset.streets = String(streets.features.length);
    });
    this.map.triggerRepaint();
  }

  /** Moves the pin (and the view) to a changed address. */
  show(place: Place): void {
    const at: [number, number] = [place.lng, place.lat];
    this.marker.setLngLat(at);
    this.map.jumpTo({ center: at });
  }
}
