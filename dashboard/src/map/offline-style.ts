import type { StyleSpecification } from "maplibre-gl";

/** Colour of land in the offline style; streets are drawn on it by the streets layer. */
export const OFFLINE_BACKGROUND_COLOR = "#eef1f4";

/**
 * The built-in base style: a background only, with no sprite, glyphs or remote source, so it draws
 * with no network at all. Streets come from our own API as a GeoJSON layer on top.
 *
 * @example
 * new Map({ container, style: createOfflineStyle() });
 */
export function createOfflineStyle(): StyleSpecification {
  return {
    version: 8,
    name: "waybill-offline",
    sources: {},
    layers: [
      { id: "background", type: "background", paint: { "background-color": OFFLINE_BACKGROUND_COLOR } },
    ],
  };
}
