import type { Map as MapLibreMap } from "maplibre-gl";

/**
 * One thing drawn on the map, after traccar-web's MapRoutePath: `mount` adds its sources, images
 * and layers (and must tolerate being called again after a style swap), `unmount` removes them.
 * Data setters on the module call setData only when their data changed.
 */
export interface MapLayerModule {
  mount(map: MapLibreMap): void;
  unmount(map: MapLibreMap): void;
}

/** Removes layers, then the source, skipping whatever is already gone (style swapped or map removed). */
export function removeLayersAndSource(map: MapLibreMap, layerIds: readonly string[], sourceId: string): void {
  for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(sourceId)) map.removeSource(sourceId);
}
