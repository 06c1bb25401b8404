/**
 * The routable road network, as compact typed arrays (CSR adjacency), shared by the importer
 * (which builds it), the routing algorithms (which read it) and the graph file (which stores it).
 *
 * - Nodes are OSM nodes that routes pass through. A node split to honour turn restrictions keeps
 *   the OSM id and coordinates of its original: `osmNodeId` may repeat, coordinates too.
 * - Edges are directed and one-way: a two-way street is two edges. `firstEdge[v]` ..
 *   `firstEdge[v + 1]` are the edges leaving node v.
 * - Every edge runs between two consecutive OSM nodes of one way (no degree-2 compression), so a
 *   path's node list is its geometry and its OSM node list.
 * - Travel time is in milliseconds at free-flow speed; live traffic scales it elsewhere (the
 *   graph itself is immutable once built).
 *
 * @example
 * for (let e = graph.firstEdge[v]; e < graph.firstEdge[v + 1]; e++) visit(graph.edgeTarget[e], graph.edgeDurationMs[e]);
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Longitude of each node, degrees. */
  readonly nodeLng: Float64Array;
  /** Latitude of each node, degrees. */
  readonly nodeLat: Float64Array;
  /** OSM id of each node (exact below 2^53, which every OSM id is). */
  readonly nodeOsmId: Float64Array;
  /** CSR offsets, length nodeCount + 1. */
  readonly firstEdge: Uint32Array;
  /** Head node of each edge. */
  readonly edgeTarget: Uint32Array;
  /** Free-flow travel time of each edge, milliseconds (at least 1). */
  readonly edgeDurationMs: Uint32Array;
  /** Length of each edge, metres. */
  readonly edgeDistanceM: Float32Array;
  /** Index into the way tables of the way each edge belongs to. */
  readonly edgeWay: Uint32Array;
  /** OSM id of each way. */
  readonly wayOsmId: Float64Array;
  /** Street name of each way (`name`, else `ref`, else ""). */
  readonly wayName: readonly string[];
  /** Road class of each way, an index into {@link ROAD_CLASSES}. */
  readonly wayClass: Uint8Array;
  /** Bit flags of each way: {@link WAY_ROUNDABOUT}, {@link WAY_ONEWAY}. */
  readonly wayFlags: Uint8Array;
}

/** Road classes of the car profile, fastest first (OSM `highway=*`). */
export const ROAD_CLASSES = [
  "motorway",
  "trunk",
  "primary",
  "secondary",
  "tertiary",
  "unclassified",
  "residential",
  "motorway_link",
  "trunk_link",
  "primary_link",
  "secondary_link",
  "tertiary_link",
  "living_street",
  "service",
  "road",
] as const;

/** One of {@link ROAD_CLASSES}. */
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** The way is (part of) a roundabout (`junction=roundabout` or `circular`). */
export const WAY_ROUNDABOUT = 1;
/** The way is one-way for cars (edges only in its direction of travel). */
export const WAY_ONEWAY = 2;
