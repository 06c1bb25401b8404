import type { LngLat } from "@waybill/shared";
import { ROAD_CLASSES, type RoadClass, type RoadGraph, WAY_ONEWAY, WAY_ROUNDABOUT } from "./road-graph";

/**
 * Test graphs for the routing algorithms: a builder from plain node/edge lists, grids with
 * one-ways, random planar-ish networks with disconnected parts, and a small named town with a
 * roundabout. Everything is seeded, so a failing case replays.
 */

/** A node of a fixture: coordinates in degrees, optional OSM id (defaults to 1000 + index). */
export interface FixtureNode {
  readonly lng: number;
  readonly lat: number;
  readonly osmId?: number;
}

/** A way of a fixture: street name, road class and flags ({@link WAY_ONEWAY}, {@link WAY_ROUNDABOUT}). */
export interface FixtureWay {
  readonly name: string;
  readonly roadClass: RoadClass;
  readonly flags?: number;
}

/** A directed edge of a fixture; the distance defaults to the straight line between its nodes. */
export interface FixtureEdge {
  readonly from: number;
  readonly to: number;
  readonly way: number;
  readonly durationMs?: number;
  readonly distanceM?: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Straight-line distance between two fixture nodes, metres (equirectangular, fine at town scale). */
export function fixtureDistanceM(a: FixtureNode, b: FixtureNode): number {
  const x = (b.lng - a.lng) * RAD * Math.cos(((a.lat + b.lat) / 2) * RAD);
  const y = (b.lat - a.lat) * RAD;
  return Math.hypot(x, y) * EARTH_RADIUS_M;
}

const SPEED_KMH: Record<RoadClass, number> = {
  motorway: 110,
  trunk: 90,
  primary: 70,
  secondary: 60,
  tertiary: 50,
  unclassified: 40,
  residential: 30,
  motorway_link: 60,
  trunk_link: 50,
  primary_link: 40,
  secondary_link: 40,
  tertiary_link: 30,
  living_street: 10,
  service: 15,
  road: 30,
};

/**
 * Builds a {@link RoadGraph} (CSR sorted by tail node) from node, way and edge lists. Missing
 * durations come from the distance at a class speed, at least 1 ms.
 *
 * @example
 * const g = buildFixtureGraph([{ lng: 0, lat: 0 }, { lng: 0.001, lat: 0 }], [{ name: "A", roadClass: "residential" }], [{ from: 0, to: 1, way: 0 }]);
 */
export function buildFixtureGraph(
  nodes: readonly FixtureNode[],
  ways: readonly FixtureWay[],
  edges: readonly FixtureEdge[],
): RoadGraph {
  const order = edges.map((_, i) => i).sort((a, b) => edges[a]!.from - edges[b]!.from || a - b);
  const firstEdge = new Uint32Array(nodes.length + 1);
  for (const e of edges) firstEdge[e.from + 1]! += 1;
  for (let v = 0; v < nodes.length; v++) firstEdge[v + 1]! += firstEdge[v]!;
  const edgeTarget = new Uint32Array(edges.length);
  const edgeDurationMs = new Uint32Array(edges.length);
  const edgeDistanceM = new Float32Array(edges.length);
  const edgeWay = new Uint32Array(edges.length);
  order.forEach((src, i) => {
    const e = edges[src]!;
    const way = ways[e.way]!;
    const distanceM = e.distanceM ?? fixtureDistanceM(nodes[e.from]!, nodes[e.to]!);
    edgeTarget[i] = e.to;
    edgeDistanceM[i] = distanceM;
    edgeDurationMs[i] = Math.max(
      1,
      Math.round(e.durationMs ?? (distanceM / SPEED_KMH[way.roadClass]) * 3600),
    );
    edgeWay[i] = e.way;
  });
  return {
    nodeCount: nodes.length,
    edgeCount: edges.length,
    nodeLng: Float64Array.from(nodes, (n) => n.lng),
    nodeLat: Float64Array.from(nodes, (n) => n.lat),
    nodeOsmId: Float64Array.from(nodes, (n, i) => n.osmId ?? 1000 + i),
    firstEdge,
    edgeTarget,
    edgeDurationMs,
    edgeDistanceM,
    edgeWay,
    wayOsmId: Float64Array.from(ways, (_, i) => 500 + i),
    wayName: ways.map((w) => w.name),
    wayClass: Uint8Array.from(ways, (w) => ROAD_CLASSES.indexOf(w.roadClass)),
    wayFlags: Uint8Array.from(ways, (w) => w.flags ?? 0),
  };
}

/** A seeded PRNG (mulberry32) returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds a way's edges along consecutive nodes: both directions, or only forward when one-way. */
function addWayEdges(edges: FixtureEdge[], path: readonly number[], way: number, oneway: boolean): void {
  for (let i = 0; i + 1 < path.length; i++) {
    edges.push({ from: path[i]!, to: path[i + 1]!, way });
    if (!oneway) edges.push({ from: path[i + 1]!, to: path[i]!, way });
  }
}

/**
 * A rows × cols street grid near Monaco, `spacingM` apart. Every third row is a one-way street
 * (alternating direction), column 0 is a primary road, the others residential.
 *
 * @example
 * const g = gridGraph(10, 10); // 100 nodes
 */
export function gridGraph(rows: number, cols: number, spacingM = 100): RoadGraph {
  const dLat = spacingM / (EARTH_RADIUS_M * RAD);
  const dLng = dLat / Math.cos(43.73 * RAD);
  const nodes: FixtureNode[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) nodes.push({ lng: 7.4 + c * dLng, lat: 43.72 + r * dLat });
  }
  const ways: FixtureWay[] = [];
  const edges: FixtureEdge[] = [];
  for (let r = 0; r < rows; r++) {
    const oneway = r % 3 === 1;
    const path = Array.from({ length: cols }, (_, c) => r * cols + c);
    if (oneway && r % 2 === 1) path.reverse();
    ways.push({ name: `Row ${r} Street`, roadClass: "residential", flags: oneway ? WAY_ONEWAY : 0 });
    addWayEdges(edges, path, ways.length - 1, oneway);
  }
  for (let c = 0; c < cols; c++) {
    ways.push({ name: `Column ${c} Avenue`, roadClass: c === 0 ? "primary" : "residential" });
    addWayEdges(
      edges,
      Array.from({ length: rows }, (_, r) => r * cols + c),
      ways.length - 1,
      false,
    );
  }
  return buildFixtureGraph(nodes, ways, edges);
}

/** Options of {@link randomGraph}. */
export interface RandomGraphOptions {
  readonly nodeCount: number;
  readonly seed: number;
  /** Nodes join to this many nearest neighbours (default 3). */
  readonly neighbours?: number;
  /** Share of ways that are one-way (default 0.2). */
  readonly onewayShare?: number;
  /** Number of separate islands (default 2): routes between them do not exist. */
  readonly islands?: number;
}

/**
 * A random planar-ish road network: points scattered in about 5 × 5 km per island, each joined to
 * its nearest neighbours, with random road classes and one-ways, split into islands that are not
 * connected to each other. Some nodes end up isolated or only reachable one way.
 *
 * @example
 * const g = randomGraph({ nodeCount: 2000, seed: 7 });
 */
export function randomGraph(options: RandomGraphOptions): RoadGraph {
  const { nodeCount, seed, neighbours = 3, onewayShare = 0.2, islands = 2 } = options;
  const random = createRandom(seed);
  const nodes: FixtureNode[] = Array.from({ length: nodeCount }, (_, i) => ({
    lng: 9.5 + (i % islands) * 0.2 + random() * 0.065,
    lat: 47.1 + random() * 0.045,
  }));
  const ways: FixtureWay[] = [];
  const edges: FixtureEdge[] = [];
  const seen = new Set<number>();
  const cellDeg = 0.004;
  const cells = new Map<string, number[]>();
  const key = (n: FixtureNode, dx = 0, dy = 0) =>
    `${Math.floor(n.lng / cellDeg) + dx}:${Math.floor(n.lat / cellDeg) + dy}`;
  nodes.forEach((n, i) => {
    cells.set(key(n), [...(cells.get(key(n)) ?? []), i]);
  });
  nodes.forEach((n, i) => {
    const near: number[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) near.push(...(cells.get(key(n, dx, dy)) ?? []));
    const ranked = near
      .filter((j) => j !== i)
      .sort((a, b) => fixtureDistanceM(n, nodes[a]!) - fixtureDistanceM(n, nodes[b]!));
    for (const j of ranked.slice(0, neighbours)) {
      const pair = Math.min(i, j) * nodeCount + Math.max(i, j);
      if (seen.has(pair) || random() < 0.15) continue;
      seen.add(pair);
      const roadClass = ROAD_CLASSES[Math.floor(random() * ROAD_CLASSES.length)]!;
      const oneway = random() < onewayShare;
      ways.push({ name: `Way ${ways.length}`, roadClass, flags: oneway ? WAY_ONEWAY : 0 });
      addWayEdges(edges, random() < 0.5 ? [i, j] : [j, i], ways.length - 1, oneway);
    }
  });
  return buildFixtureGraph(nodes, ways, edges);
}

/** A GeoJSON fixture: LineString roads (`name`, `highway`, `oneway`, `junction`) and Point waypoints (`waypoint`, `heading`). */
export interface FixtureCollection {
  readonly type: "FeatureCollection";
  readonly features: readonly {
    readonly type: "Feature";
    readonly properties: Readonly<Record<string, unknown>> | null;
    readonly geometry:
      | { readonly type: "LineString"; readonly coordinates: readonly (readonly number[])[] }
      | { readonly type: "Point"; readonly coordinates: readonly number[] };
  }[];
}

/** The graph drawn by a fixture and its waypoints in `waypoint` order (with their headings, if any). */
export interface GeoJsonFixture {
  readonly graph: RoadGraph;
  readonly waypoints: LngLat[];
  readonly headingsDeg: (number | undefined)[];
}

/**
 * Builds a graph from a GeoJSON fixture: every LineString is a way (roads sharing a coordinate
 * share the node), `oneway: "yes"` or `junction: "roundabout"` makes it one-way along its drawing
 * order, `highway` picks the road class (default residential).
 *
 * @example
 * const { graph, waypoints } = graphFromGeoJson(JSON.parse(text));
 */
export function graphFromGeoJson(collection: FixtureCollection): GeoJsonFixture {
  const nodes: FixtureNode[] = [];
  const nodeByKey = new Map<string, number>();
  const nodeOf = (c: readonly number[]): number => {
    const key = `${c[0]!.toFixed(7)},${c[1]!.toFixed(7)}`;
    let id = nodeByKey.get(key);
    if (id === undefined) {
      id = nodes.length;
      nodeByKey.set(key, id);
      nodes.push({ lng: c[0]!, lat: c[1]! });
    }
    return id;
  };
  const ways: FixtureWay[] = [];
  const edges: FixtureEdge[] = [];
  const points: { order: number; at: LngLat; heading: number | undefined }[] = [];
  for (const { properties, geometry } of collection.features) {
    const props = properties ?? {};
    if (geometry.type === "Point") {
      const heading = typeof props.heading === "number" ? props.heading : undefined;
      points.push({
        order: Number(props.waypoint ?? points.length),
        at: [geometry.coordinates[0]!, geometry.coordinates[1]!],
        heading,
      });
      continue;
    }
    const roundabout = props.junction === "roundabout";
    const oneway = roundabout || props.oneway === "yes";
    const roadClass = (ROAD_CLASSES as readonly string[]).includes(String(props.highway))
      ? (props.highway as RoadClass)
      : "residential";
    ways.push({
      name: String(props.name ?? ""),
      roadClass,
      flags: (oneway ? WAY_ONEWAY : 0) | (roundabout ? WAY_ROUNDABOUT : 0),
    });
    addWayEdges(edges, geometry.coordinates.map(nodeOf), ways.length - 1, oneway);
  }
  points.sort((a, b) => a.order - b.order);
  return {
    graph: buildFixtureGraph(nodes, ways, edges),
    waypoints: points.map((p) => p.at),
    headingsDeg: points.map((p) => p.heading),
  };
}
