import {
  type ErrorEvent,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from "maplibre-gl";
// maplibre finds its worker via import.meta.url, which a vite build breaks; hand it the built URL.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import type { MapLayerModule } from "./map-layer";
import { createOfflineStyle } from "./offline-style";

setWorkerUrl(workerUrl);

/** Options of {@link MapView}. */
export interface MapViewOptions {
  readonly container: HTMLElement;
  /** A remote style to use instead of the built-in offline one; null for offline. */
  readonly styleUrl: string | null;
  /** Layers that complete the offline style (streets); not mounted over a remote style. */
  readonly baseLayers: readonly MapLayerModule[];
  /** Our data layers, mounted on top of whichever style is in use. */
  readonly overlays: readonly MapLayerModule[];
}

/**
 * Owns the maplibre map: picks the style, falls back to the offline style when the remote one
 * cannot load, and (re)mounts the layer modules on every style load, in order. (Nothing here
 * waits for maplibre's `load`: it needs every source loaded, which a live source never is.)
 */
export class MapView {
  readonly map: MapLibreMap;
  private offline: boolean;

  constructor(private readonly options: MapViewOptions) {
    this.offline = options.styleUrl === null;
    this.map = new MapLibreMap({
      container: options.container,
      style: options.styleUrl ?? createOfflineStyle(),
      center: [0, 20],
      zoom: 1.5,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    });
    // North up and flat, always: the vehicles overlay projects positions itself (screen-projection.ts).
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-right");
    this.map.on("style.load", () => this.mountAll());
    this.map.on("error", (event) => this.onError(event));
  }

  /** Unmounts every layer and releases the WebGL context. */
  destroy(): void {
    for (const layer of [...this.options.overlays, ...this.options.baseLayers]) layer.unmount(this.map);
    this.map.remove();
  }

  private mountAll(): void {
    if (this.offline) for (const layer of this.options.baseLayers) layer.mount(this.map);
    for (const layer of this.options.overlays) layer.mount(this.map);
  }

  private onError(event: ErrorEvent): void {
    if (!this.offline && !this.map.isStyleLoaded()) {
      console.warn("Waybill: the configured map style did not load; using the offline style", event.error);
      this.offline = true;
      this.map.setStyle(createOfflineStyle(), { diff: false });
      return;
    }
    console.error("Waybill: map error", event.error);
  }
}
