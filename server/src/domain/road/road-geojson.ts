import type { LineStringFeature, LngLat } from "@waybill/shared";
import { edgeSources } from "./graph-inspection";
import { findOsmNode, type OsmExtract } from "./osm-extract";
import { ROAD_CLASSES, type RoadGraph } from "./road-graph";

/** A FeatureCollection of LineStrings. */
export interface LineStringCollection<P> {
  readonly type: "FeatureCollection";
  readonly features: LineStringFeature<P>[];
}

/** Properties of a way drawn by {@link osmWaysToGeoJson} (geojson.io styling included). */
export interface WayFeatureProperties {
  readonly osmId: number;
  readonly name: string;
  readonly highway: string;
  readonly oneway: string;
  readonly stroke: string;
  readonly "stroke-width": number;
}

/** Properties of an edge drawn by {@link roadGraphEdgesToGeoJson}. */
export interface EdgeFeatureProperties {
  readonly edge: number;
  readonly fromNode: number;
  readonly toNode: number;
  readonly fromOsmId: number;
  readonly toOsmId: number;
  readonly wayOsmId: number;
  readonly name: string;
  readonly roadClass: string;
  readonly durationMs: number;
  readonly distanceM: number;
  readonly stroke: string;
}

const CLASS_COLOURS: Readonly<Record<string, string>> = {
  motorway: "#e8403a",
  trunk: "#e8403a",
  primary: "#f08c00",
  secondary: "#e6b800",
  tertiary: "#8fbf3f",
  residential: "#777777",
};
const OTHER_COLOUR = "#3a7bd5";
const METERS_PER_DEGREE = 111_195.08;

const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/**
 * The highway (and waterway) ways of an extract as GeoJSON LineStrings with their name, class and
 * geojson.io styling: streets to draw under vehicles, or a golden file to look at.
 *
 * @example
 * const streets = osmWaysToGeoJson(generateSyntheticTown({ seed: 42 }));
 */
export function osmWaysToGeoJson(extract: OsmExtract): LineStringCollection<WayFeatureProperties> {
  const { nodes } = extract;
  const features = extract.ways.map((way): LineStringFeature<WayFeatureProperties> => {
    const coordinates = way.nodeRefs
      .map((ref) => findOsmNode(nodes, ref))
      .filter((t) => t >= 0)
      .map((t): LngLat => [round6(nodes.lng[t]!), round6(nodes.lat[t]!)]);
    const highway = way.tags.highway ?? way.tags.waterway ?? "";
    const stroke = way.tags.waterway ? "#4aa3df" : (CLASS_COLOURS[highway] ?? OTHER_COLOUR);
    const strokeWidth = highway === "primary" || way.tags.waterway ? 4 : highway === "secondary" ? 3 : 2;
    const properties = {
      osmId: way.id,
      name: way.tags.name ?? way.tags.ref ?? "",
      highway,
      oneway: way.tags.oneway ?? (way.tags.junction === "roundabout" ? "implied" : "no"),
      stroke,
      "stroke-width": strokeWidth,
    };
    return { type: "Feature", geometry: { type: "LineString", coordinates }, properties };
  });
  return { type: "FeatureCollection", features };
}

/**
 * Every directed edge of a graph as a two-point LineString, shifted `rightOffsetM` metres to the
 * right of travel so both directions of a street show side by side; properties name the graph
 * nodes (split copies have their own numbers), OSM ids, way, duration and length.
 *
 * @example
 * const debug = roadGraphEdgesToGeoJson(graph, 3);
 */
export function roadGraphEdgesToGeoJson(
  graph: RoadGraph,
  rightOffsetM = 0,
): LineStringCollection<EdgeFeatureProperties> {
  const sources = edgeSources(graph);
  const features: LineStringFeature<EdgeFeatureProperties>[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const from = sources[e]!;
    const to = graph.edgeTarget[e]!;
    const way = graph.edgeWay[e]!;
    const roadClass = ROAD_CLASSES[graph.wayClass[way]!] ?? "";
    const properties: EdgeFeatureProperties = {
      edge: e,
      fromNode: from,
      toNode: to,
      fromOsmId: graph.nodeOsmId[from]!,
      toOsmId: graph.nodeOsmId[to]!,
      wayOsmId: graph.wayOsmId[way]!,
      name: graph.wayName[way] ?? "",
      roadClass,
      durationMs: graph.edgeDurationMs[e]!,
      distanceM: Math.round(graph.edgeDistanceM[e]! * 10) / 10,
      stroke: CLASS_COLOURS[roadClass] ?? OTHER_COLOUR,
    };
    const coordinates = offsetRight(graph, from, to, rightOffsetM);
    features.push({ type: "Feature", geometry: { type: "LineString", coordinates }, properties });
  }
  return { type: "FeatureCollection", features };
}

function offsetRight(graph: RoadGraph, from: number, to: number, offsetM: number): LngLat[] {
  const cos = Math.cos((graph.nodeLat[from]! * Math.PI) / 180);
  const dx = (graph.nodeLng[to]! - graph.nodeLng[from]!) * cos;
  const dy = graph.nodeLat[to]! - graph.nodeLat[from]!;
  const length = Math.hypot(dx, dy);
  const shift = length > 0 ? offsetM / METERS_PER_DEGREE / length : 0;
  const shiftLng = (dy * shift) / cos;
  const shiftLat = -dx * shift;
  return [from, to].map(
    (v): LngLat => [round6(graph.nodeLng[v]! + shiftLng), round6(graph.nodeLat[v]! + shiftLat)],
  );
}
