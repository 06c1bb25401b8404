import type { GpsFix } from "../../server/src/domain/matching/match-types";
import type { HierarchyQuery } from "../../server/src/domain/road/ch-query";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { accuracyForNoiseM, addGpsNoise } from "../../telematics/src/simulator/gps-noise";
import type { SeededRandom } from "../../telematics/src/simulator/seeded-random";

/** A drive with known truth: the directed edges driven, the GPS fixes a device would report and where it really was at each. */
export interface TruthTrack {
  readonly edges: readonly number[];
  readonly fixes: readonly GpsFix[];
  readonly positions: readonly (readonly [number, number])[];
}

/** How a truth track is sampled. */
export interface SamplingSpec {
  readonly intervalS: number;
  readonly noiseM: number;
  /** Share of fixes replaced by an outlier 40-100 m off the true position. */
  readonly outlierShare: number;
}

const MIN_ROUTE_M = 1_500;
const MAX_ROUTE_M = 6_000;
const START_AT = Date.parse("2026-11-22T08:00:00Z");

/**
 * Random routes of the routing engine (fastest paths between random nodes, 1.5-6 km), so each
 * area's tracks are the same for every sampling: generate once, sample per cell.
 */
export function randomRoutes(
  graph: RoadGraph,
  query: HierarchyQuery,
  count: number,
  random: SeededRandom,
): number[][] {
  const routes: number[][] = [];
  while (routes.length < count) {
    const path = query.route(random.integer(0, graph.nodeCount - 1), random.integer(0, graph.nodeCount - 1));
    if (path && path.distanceM >= MIN_ROUTE_M && path.distanceM <= MAX_ROUTE_M) routes.push(path.edges);
  }
  return routes;
}

/**
 * Drives a route the way the simulator does, with realistic speeds: each edge at 70-100 % of
 * its free-flow speed, plus one or two stops of 10-60 s (traffic lights, deliveries) where the
 * device keeps reporting. Fixes every `intervalS` from the start, plus one at the end, with
 * Gaussian noise and the accuracy the simulator reports for it; some are outliers.
 */
export function sampleTrack(
  graph: RoadGraph,
  tails: Uint32Array,
  edges: readonly number[],
  spec: SamplingSpec,
  random: SeededRandom,
): TruthTrack {
  const timeline = driveTimeline(graph, edges, random);
  const endS = timeline.atS[timeline.atS.length - 1]!;
  const fixes: GpsFix[] = [];
  const positions: [number, number][] = [];
  for (let t = 0; ; t = Math.min(endS, t + spec.intervalS)) {
    const k = Math.max(0, upperIndex(timeline.atS, t) - 1);
    const e = edges[Math.min(k, edges.length - 1)]!;
    const driveS = timeline.driveS[k] ?? 0;
    const f = driveS > 0 ? Math.min(1, (t - timeline.atS[k]!) / driveS) : 1;
    const u = tails[e]!;
    const v = graph.edgeTarget[e]!;
    const truth: [number, number] = [
      graph.nodeLng[u]! + (graph.nodeLng[v]! - graph.nodeLng[u]!) * f,
      graph.nodeLat[u]! + (graph.nodeLat[v]! - graph.nodeLat[u]!) * f,
    ];
    const [lng, lat] =
      random.next() < spec.outlierShare ? outlier(truth, random) : addGpsNoise(truth, spec.noiseM, random);
    positions.push(truth);
    fixes.push({
      lng,
      lat,
      fixAt: START_AT + Math.round(t * 1000),
      accuracyM: accuracyForNoiseM(spec.noiseM),
    });
    if (t >= endS) break;
  }
  return { edges, fixes, positions };
}

/**
 * When the vehicle enters each edge (and leaves the last), seconds, and how long it drives along
 * each; the rest of an edge's time it stands at its end.
 */
function driveTimeline(
  graph: RoadGraph,
  edges: readonly number[],
  random: SeededRandom,
): { atS: number[]; driveS: number[] } {
  const stops = new Set([random.integer(0, edges.length - 1), random.integer(0, edges.length - 1)]);
  const atS = [0];
  const driveS: number[] = [];
  edges.forEach((e, k) => {
    driveS.push(graph.edgeDurationMs[e]! / 1000 / random.between(0.7, 1));
    atS.push(atS[k]! + driveS[k]! + (stops.has(k) ? random.between(10, 60) : 0));
  });
  return { atS, driveS };
}

/** First index whose value is above `t` (binary search over ascending times). */
function upperIndex(values: readonly number[], t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function outlier([lng, lat]: readonly [number, number], random: SeededRandom): [number, number] {
  const distanceM = random.between(40, 100);
  const angle = random.between(0, 2 * Math.PI);
  const mPerDegLat = 111_195;
  return [
    lng + (distanceM * Math.sin(angle)) / (mPerDegLat * Math.cos((lat * Math.PI) / 180)),
    lat + (distanceM * Math.cos(angle)) / mPerDegLat,
  ];
}
