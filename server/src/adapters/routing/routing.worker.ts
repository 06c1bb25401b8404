import type { LngLat } from "@waybill/shared";
import { FleetMatcher, type VehicleFix } from "../../domain/matching/fleet-matcher";
import { matchTrackLine } from "../../domain/matching/matched-track-line";
import { MatchingNetwork } from "../../domain/matching/matching-network";
import {
  collectSpeedSamples,
  edgesByOsmNodes,
  learnedSpeedFactors,
  type SpeedSample,
} from "../../domain/road/learned-speeds";
import type { RoadGraph } from "../../domain/road/road-graph";
import { ROAD_CLASSES } from "../../domain/road/road-graph";
import { RouteEngine } from "../../domain/road/route-engine";
import type { SnappedPoint } from "../../domain/road/snap";
import { serveWorker } from "../workers/serve-worker";
import { loadGraphSource } from "./graph-source";
import type {
  ClosureLine,
  LearnedSpeedsApplied,
  MatchBatchResult,
  RoutingMethods,
  SnapDescription,
} from "./routing-protocol";

/**
 * A routing worker thread: loads (or imports) the road graph, builds the customizable hierarchy
 * and answers route, matrix and snap requests; closures and learned speeds re-customize it in
 * milliseconds. It also map-matches the live fixes of the vehicles the server sends it.
 */
let engine: RouteEngine | null = null;
let graph: RoadGraph | null = null;
/** The live vehicles' matchers, built at the first live fixes. */
let fleet: FleetMatcher | null = null;
/** Graph edges by their OSM node ids, built at the first learned speeds. */
let edgesByNodes: Map<string, number[]> | null = null;

const ready = (): RouteEngine => {
  if (!engine) throw new Error("routing worker not initialised");
  return engine;
};

/** The map matcher's view of the graph, built on first use (its segment index costs memory). */
let network: MatchingNetwork | null = null;
const matchingNetwork = (): MatchingNetwork => {
  network ??= new MatchingNetwork(ready().graph);
  return network;
};

const methods: {
  [K in keyof RoutingMethods]: (
    arg: Parameters<RoutingMethods[K]>[0],
    report: (progress: unknown) => void,
  ) => ReturnType<RoutingMethods[K]> | Promise<ReturnType<RoutingMethods[K]>>;
} = {
  init: async ({ source }, report) => {
    const loaded = await loadGraphSource(source, (fraction, label) => report({ fraction, label }));
    const startedAt = performance.now();
    graph = loaded.graph;
    engine = new RouteEngine(loaded.graph);
    const preprocessMs = Math.round(performance.now() - startedAt);
    return {
      name: loaded.name,
      origin: loaded.origin,
      nodeCount: graph.nodeCount,
      edgeCount: graph.edgeCount,
      bbox: bboxOf(graph),
      loadMs: loaded.loadMs,
      preprocessMs,
    };
  },
  route: ({ points, headingsDeg, steps }) =>
    ready().route(points, { ...(headingsDeg ? { headingsDeg } : {}), steps: steps ?? true }),
  matrix: ({ sources, targets }) => ready().matrix(sources, targets),
  snap: ({ point, headingDeg }) => describeSnap(ready().snap(point, headingDeg)),
  setClosures: ({ closures }) => applyClosures(ready(), closures),
  roads: () => roadsGeoJson(graph!),
  matchTrack: ({ fixes }) => matchTrackLine(matchingNetwork(), fixes),
  matchFixes: ({ fixes, nowMs }) => matchFixes(fixes, nowMs),
  setLearnedSpeeds: ({ samples, hour }) => applyLearnedSpeeds(ready(), samples, hour),
};

serveWorker(methods);

function matchFixes(
  fixes: Parameters<RoutingMethods["matchFixes"]>[0]["fixes"],
  nowMs: number,
): MatchBatchResult {
  const network = matchingNetwork();
  fleet ??= new FleetMatcher(network);
  const rows: VehicleFix[] = new Array(fixes.vehicleIds.length);
  for (let i = 0; i < rows.length; i++)
    rows[i] = {
      vehicleId: fixes.vehicleIds[i]!,
      lng: fixes.lng[i]!,
      lat: fixes.lat[i]!,
      fixAt: fixes.fixAt[i]!,
    };
  const { matched, traversals, skipped } = fleet.match(rows, nowMs);
  let onRoad = 0;
  for (const { point } of matched) if (point) onRoad++;
  return {
    matched: onRoad,
    unmatched: matched.length - onRoad,
    samples: collectSpeedSamples(network.graph, network.tails, traversals),
    skipped,
    vehicles: fleet.size,
  };
}

/**
 * Gives the edges learned speeds for the hour (replacing the earlier ones); closures stay as they
 * are. With nothing learned now nor before (a new installation) the hierarchy is left alone.
 */
function applyLearnedSpeeds(
  routeEngine: RouteEngine,
  samples: readonly SpeedSample[],
  hour: number,
): LearnedSpeedsApplied {
  if (samples.length === 0 && !edgesByNodes) return { edges: 0, customizeMs: 0 };
  edgesByNodes ??= edgesByOsmNodes(routeEngine.graph, matchingNetwork().tails);
  const learnedFactors = learnedSpeedFactors(routeEngine.graph, edgesByNodes, samples, hour);
  const startedAt = performance.now();
  routeEngine.applyTraffic({ learnedFactors });
  return { edges: learnedFactors.length, customizeMs: Math.round((performance.now() - startedAt) * 10) / 10 };
}

/** Sample spacing along a closure line, metres, and how far from it a road still counts. */
const SAMPLE_M = 10;

/**
 * Closes (or slows) every edge, both directions, under the lines; everything else returns to free
 * flow. Where lines overlap, a closure wins over a slowdown and the slowest slowdown wins.
 */
function applyClosures(routeEngine: RouteEngine, closures: readonly ClosureLine[]): Record<string, number> {
  routeEngine.applyTraffic({ reset: true });
  const matched: Record<string, number> = {};
  const close = new Set<number>();
  const slow = new Map<number, number>();
  for (const closure of closures) {
    const edges = edgesUnder(routeEngine, closure.coordinates);
    matched[closure.id] = edges.size;
    for (const edge of edges) {
      if (closure.speedFactor === undefined) close.add(edge);
      else slow.set(edge, Math.min(slow.get(edge) ?? 1, closure.speedFactor));
    }
  }
  const speedFactors = [...slow]
    .filter(([edge]) => !close.has(edge))
    .map(([edge, factor]) => ({ edge, factor }));
  routeEngine.applyTraffic({ close: [...close], speedFactors });
  return matched;
}

/** Road segments within 25 m of a line (sampled every 10 m), both directions of two-way streets. */
function edgesUnder(routeEngine: RouteEngine, line: readonly LngLat[]): Set<number> {
  const edges = new Set<number>();
  for (const point of samples(line)) {
    const snapped = routeEngine.snap(point);
    if (!snapped || snapped.distanceM > 25) continue;
    edges.add(snapped.edge);
    if (snapped.reverseEdge >= 0) edges.add(snapped.reverseEdge);
  }
  return edges;
}

function samples(line: readonly LngLat[]): LngLat[] {
  const out: LngLat[] = [];
  for (let i = 0; i < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1];
    out.push(a);
    if (!b) break;
    const metres = Math.hypot(
      (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180),
      (b[1] - a[1]) * 110_540,
    );
    const n = Math.floor(metres / SAMPLE_M);
    for (let k = 1; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  return out;
}

function describeSnap(snapped: SnappedPoint | null): SnapDescription | null {
  if (!snapped || !graph) return null;
  const way = graph.edgeWay[snapped.edge]!;
  const to = graph.edgeTarget[snapped.edge]!;
  const from = tailOf(graph, snapped.edge);
  return {
    point: snapped.point,
    distanceM: Math.round(snapped.distanceM * 10) / 10,
    fraction: Math.round(snapped.fraction * 1e4) / 1e4,
    name: graph.wayName[way] ?? "",
    wayOsmId: graph.wayOsmId[way]!,
    fromOsmNodeId: graph.nodeOsmId[from]!,
    toOsmNodeId: graph.nodeOsmId[to]!,
    twoWay: snapped.reverseEdge >= 0,
  };
}

function tailOf(g: RoadGraph, edge: number): number {
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.firstEdge[mid]! <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function bboxOf(g: RoadGraph): [number, number, number, number] {
  let [west, south, east, north] = [180, 90, -180, -90];
  for (let v = 0; v < g.nodeCount; v++) {
    west = Math.min(west, g.nodeLng[v]!);
    east = Math.max(east, g.nodeLng[v]!);
    south = Math.min(south, g.nodeLat[v]!);
    north = Math.max(north, g.nodeLat[v]!);
  }
  return [west, south, east, north];
}

/** The network as one LineString per street segment (both directions of a street drawn once). */
function roadsGeoJson(g: RoadGraph) {
  const features = [];
  for (let v = 0; v < g.nodeCount; v++) {
    for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++) {
      const w = g.edgeTarget[e]!;
      const twoWay = hasEdge(g, w, v);
      if (twoWay && g.nodeOsmId[w]! < g.nodeOsmId[v]!) continue;
      const way = g.edgeWay[e]!;
      features.push({
        type: "Feature" as const,
        geometry: {
          type: "LineString" as const,
          coordinates: [
            [g.nodeLng[v]!, g.nodeLat[v]!],
            [g.nodeLng[w]!, g.nodeLat[w]!],
          ],
        },
        properties: {
          name: g.wayName[way] ?? "",
          roadClass: ROAD_CLASSES[g.wayClass[way]!] ?? "road",
          oneway: !twoWay,
        },
      });
    }
  }
  return { type: "FeatureCollection" as const, features };
}

function hasEdge(g: RoadGraph, from: number, to: number): boolean {
  for (let e = g.firstEdge[from]!; e < g.firstEdge[from + 1]!; e++) if (g.edgeTarget[e] === to) return true;
  return false;
}
