import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import type { DayHistoryDto } from "../../api/types";
import type { ReplayPosition } from "../../state/replay-track";
import { drawHeadingArrow } from "../heading-arrow";
import { type MapLayerModule, removeLayersAndSource } from "../map-layer";
import { REPLAY_COLOUR, type ReplayFeatureCollection, replayFeatures } from "./replay-features";

const SOURCE_ID = "waybill-replay";
const MARKER_SOURCE_ID = "waybill-replay-marker";
const CASING_LAYER_ID = "waybill-replay-casing";
const TRACE_LAYER_ID = "waybill-replay-trace";
const RAW_LAYER_ID = "waybill-replay-raw";
const EVENTS_LAYER_ID = "waybill-replay-events";
const MARKER_LAYER_ID = "waybill-replay-marker";
const ARROW_LAYER_ID = "waybill-replay-arrow";
const ARROW_IMAGE_ID = "waybill-replay-arrow";

const EMPTY: ReplayFeatureCollection = { type: "FeatureCollection", features: [] };

/** The replayed vehicle as one point; `h` is its heading, -1 when unknown. */
interface MarkerCollection {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "Point"; coordinates: [number, number] };
    properties: { h: number };
  }[];
}

/**
 * A vehicle's replayed day: its trips as a violet line over a white casing (dashed white over the
 * stretches no road was matched to, drawn through the raw fixes), its stays, stops and
 * alerts as coloured dots, and the vehicle itself (a marker with its heading) at the replay time.
 * Drawn over the live fleet. The marker has its own one-point source, so moving it every frame
 * sends one feature to the map worker, not the whole trace.
 */
export class ReplayLayer implements MapLayerModule {
  private data: ReplayFeatureCollection = EMPTY;
  private readonly marker: MarkerCollection = { type: "FeatureCollection", features: [] };
  private map: MapLibreMap | null = null;

  mount(map: MapLibreMap): void {
    if (map.getSource(SOURCE_ID)) return;
    if (!map.hasImage(ARROW_IMAGE_ID)) {
      const arrow = drawHeadingArrow();
      map.addImage(ARROW_IMAGE_ID, arrow.image, { pixelRatio: arrow.pixelRatio });
    }
    map.addSource(SOURCE_ID, { type: "geojson", data: this.data });
    map.addSource(MARKER_SOURCE_ID, { type: "geojson", data: this.marker });
    const lines: FilterSpecification = ["==", ["geometry-type"], "LineString"];
    const round = { "line-join": "round", "line-cap": "round" } as const;
    map.addLayer({
      id: CASING_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: lines,
      layout: round,
      paint: { "line-color": "#ffffff", "line-width": 7, "line-opacity": 0.9 },
    });
    map.addLayer({
      id: TRACE_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: lines,
      layout: round,
      paint: { "line-color": REPLAY_COLOUR, "line-width": 3.5, "line-opacity": 0.85 },
    });
    map.addLayer({
      id: RAW_LAYER_ID,
      type: "line",
      source: SOURCE_ID,
      filter: ["==", ["get", "kind"], "raw"],
      paint: { "line-color": "#ffffff", "line-width": 2, "line-dasharray": [1, 2] },
    });
    map.addLayer({
      id: EVENTS_LAYER_ID,
      type: "circle",
      source: SOURCE_ID,
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-radius": 6,
        "circle-color": ["get", "colour"],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    });
    map.addLayer({
      id: MARKER_LAYER_ID,
      type: "circle",
      source: MARKER_SOURCE_ID,
      paint: {
        "circle-radius": 11,
        "circle-color": REPLAY_COLOUR,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2.5,
      },
    });
    map.addLayer({
      id: ARROW_LAYER_ID,
      type: "symbol",
      source: MARKER_SOURCE_ID,
      filter: [">=", ["get", "h"], 0],
      layout: {
        "icon-image": ARROW_IMAGE_ID,
        "icon-rotate": ["get", "h"],
        "icon-rotation-alignment": "map",
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
        "icon-size": 0.9,
      },
    });
    this.map = map;
  }

  unmount(map: MapLibreMap): void {
    removeLayersAndSource(map, [ARROW_LAYER_ID, MARKER_LAYER_ID], MARKER_SOURCE_ID);
    removeLayersAndSource(map, [EVENTS_LAYER_ID, RAW_LAYER_ID, TRACE_LAYER_ID, CASING_LAYER_ID], SOURCE_ID);
    if (map.hasImage(ARROW_IMAGE_ID)) map.removeImage(ARROW_IMAGE_ID);
    this.map = null;
  }

  /** Draws a day's trace and events (null clears them and the marker). */
  show(history: DayHistoryDto | null): void {
    this.data = history === null ? EMPTY : replayFeatures(history);
    void this.map?.getSource<GeoJSONSource>(SOURCE_ID)?.setData(this.data);
    if (history === null) this.moveMarker(null);
  }

  /** Puts the replayed vehicle at `position` (null hides it). */
  moveMarker(position: Readonly<ReplayPosition> | null): void {
    if (position === null) this.marker.features = [];
    else {
      const h = Number.isNaN(position.headingDeg) ? -1 : position.headingDeg;
      const feature = this.marker.features[0];
      if (feature) {
        feature.geometry.coordinates = [position.lng, position.lat];
        feature.properties.h = h;
      } else {
        const geometry = {
          type: "Point" as const,
          coordinates: [position.lng, position.lat] as [number, number],
        };
        this.marker.features = [{ type: "Feature", geometry, properties: { h } }];
      }
    }
    void this.map?.getSource<GeoJSONSource>(MARKER_SOURCE_ID)?.setData(this.marker);
  }

  /** Where the marker is drawn, or null when hidden (for tests and diagnostics). */
  markerPosition(): { lng: number; lat: number } | null {
    const [lng, lat] = this.marker.features[0]?.geometry.coordinates ?? [];
    return lng === undefined || lat === undefined ? null : { lng, lat };
  }

  /** The trace and event points drawn. */
  current(): ReplayFeatureCollection {
    return this.data;
  }
}
