import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  SymbolLayerSpecification,
} from "maplibre-gl";
import { STATUS_META, VehicleStatus } from "../../state/vehicle-status";

/** Id of the canvas-drawn arrow image. */
export const HEADING_ARROW_IMAGE_ID = "waybill-heading-arrow";

const isSelected: ExpressionSpecification = ["boolean", ["feature-state", "selected"], false];

const statusColor: ExpressionSpecification = [
  "match",
  ["get", "s"],
  VehicleStatus.Moving,
  STATUS_META[VehicleStatus.Moving]!.color,
  VehicleStatus.Stopped,
  STATUS_META[VehicleStatus.Stopped]!.color,
  VehicleStatus.Stale,
  STATUS_META[VehicleStatus.Stale]!.color,
  STATUS_META[VehicleStatus.NoFix]!.color,
];

/** Circle radius by zoom, CSS pixels: small dots for a city-wide view, markers up close. */
const radiusByZoom = (scale: number): ExpressionSpecification => [
  "interpolate",
  ["linear"],
  ["zoom"],
  8,
  3.5 * scale,
  12,
  6 * scale,
  15,
  9 * scale,
  18,
  11 * scale,
];

/** The selection ring: invisible until the vehicle's `selected` feature-state is set. */
export const haloLayer = (id: string, source: string): CircleLayerSpecification => ({
  id,
  type: "circle",
  source,
  paint: {
    "circle-radius": radiusByZoom(2),
    "circle-color": "#1d4ed8",
    "circle-opacity": ["case", isSelected, 0.18, 0],
    "circle-stroke-color": "#1d4ed8",
    "circle-stroke-width": ["case", isSelected, 1.5, 0],
  },
});

/** One circle per vehicle, coloured by status, white rim (dark rim when selected). */
export const circleLayer = (id: string, source: string): CircleLayerSpecification => ({
  id,
  type: "circle",
  source,
  paint: {
    "circle-radius": radiusByZoom(1),
    "circle-color": statusColor,
    "circle-stroke-color": ["case", isSelected, "#0f172a", "#ffffff"],
    "circle-stroke-width": ["case", isSelected, 2.5, 1.5],
  },
});

/** The heading arrow inside moving vehicles' circles; hidden when zoomed out, where it would be noise. */
export const arrowLayer = (id: string, source: string): SymbolLayerSpecification => ({
  id,
  type: "symbol",
  source,
  minzoom: 11,
  filter: ["all", ["==", ["get", "s"], VehicleStatus.Moving], [">=", ["get", "h"], 0]],
  layout: {
    "icon-image": HEADING_ARROW_IMAGE_ID,
    "icon-rotate": ["get", "h"],
    "icon-rotation-alignment": "map",
    "icon-allow-overlap": true,
    "icon-ignore-placement": true,
    "icon-size": ["interpolate", ["linear"], ["zoom"], 11, 0.5, 15, 0.75, 18, 0.92],
  },
});
