import { createRandom } from "../../road/graph-fixtures";
import type { RoadGraph } from "../../road/road-graph";
import { METERS_PER_DEGREE } from "../../road/route-geo";
import type { GpsFix } from "../match-types";

/**
 * Test drives for the matcher: fixes along known directed edges at a constant speed, with seeded
 * Gaussian noise, and small builders for stops, outliers and gaps.
 */

/** When the drives start: 2026-11-22 08:00 UTC. */
export const DRIVE_START_AT = Date.parse("2026-11-22T08:00:00Z");

/** How a test drive is sampled. */
export interface DriveSpec {
  readonly speedMps: number;
  readonly intervalS: number;
  /** Gaussian noise per axis, metres (default 0). */
  readonly noiseM?: number;
  readonly seed?: number;
  readonly startAt?: number;
}

/** Tail node of every edge. */
function tailOf(graph: RoadGraph, edge: number): number {
  let v = 0;
  while (graph.firstEdge[v + 1]! <= edge) v++;
  return v;
}

/**
 * Fixes every `intervalS` along the edges (driven whole, from the first tail to the last head),
 * plus one at the end; `accuracyM` is set to 2.45 × the noise when there is noise.
 *
 * @example
 * const fixes = driveAlong(graph, [0, 2, 4], { speedMps: 10, intervalS: 1, noiseM: 5 });
 */
export function driveAlong(graph: RoadGraph, edges: readonly number[], spec: DriveSpec): GpsFix[] {
  const random = createRandom(spec.seed ?? 1);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const noiseM = spec.noiseM ?? 0;
  const totalM = edges.reduce((s, e) => s + graph.edgeDistanceM[e]!, 0);
  const stepM = spec.speedMps * spec.intervalS;
  const fixes: GpsFix[] = [];
  for (let k = 0; ; k++) {
    const alongM = Math.min(totalM, k * stepM);
    const [lng, lat] = pointAlong(graph, edges, alongM);
    fixes.push(
      offsetFix(
        { lng, lat, fixAt: (spec.startAt ?? DRIVE_START_AT) + k * spec.intervalS * 1000 },
        gaussian() * noiseM,
        gaussian() * noiseM,
        noiseM > 0 ? 2.45 * noiseM : undefined,
      ),
    );
    if (alongM >= totalM) return fixes;
  }
}

/** The point `alongM` metres along a path of edges, [lng, lat]. */
export function pointAlong(graph: RoadGraph, edges: readonly number[], alongM: number): [number, number] {
  let rest = alongM;
  for (const [k, e] of edges.entries()) {
    const lengthM = graph.edgeDistanceM[e]!;
    if (rest > lengthM && k < edges.length - 1) {
      rest -= lengthM;
      continue;
    }
    const u = tailOf(graph, e);
    const v = graph.edgeTarget[e]!;
    const f = lengthM > 0 ? Math.min(1, rest / lengthM) : 0;
    return [
      graph.nodeLng[u]! + (graph.nodeLng[v]! - graph.nodeLng[u]!) * f,
      graph.nodeLat[u]! + (graph.nodeLat[v]! - graph.nodeLat[u]!) * f,
    ];
  }
  throw new Error("pointAlong needs at least one edge");
}

/** The fix moved `eastM` east and `northM` north (and given an accuracy). */
export function offsetFix(fix: GpsFix, eastM: number, northM: number, accuracyM?: number): GpsFix {
  const lng = fix.lng + eastM / (METERS_PER_DEGREE * Math.cos((fix.lat * Math.PI) / 180));
  const lat = fix.lat + northM / METERS_PER_DEGREE;
  return accuracyM === undefined ? { ...fix, lng, lat } : { ...fix, lng, lat, accuracyM };
}

/** The same fixes `shiftMs` later. */
export function delayFixes(fixes: readonly GpsFix[], shiftMs: number): GpsFix[] {
  return fixes.map((f) => ({ ...f, fixAt: (f.fixAt ?? 0) + shiftMs }));
}

/** The edge from node `from` to node `to` (the first one), or throws. */
export function edgeFrom(graph: RoadGraph, from: number, to: number): number {
  for (let e = graph.firstEdge[from]!; e < graph.firstEdge[from + 1]!; e++)
    if (graph.edgeTarget[e] === to) return e;
  throw new Error(`no edge ${from} -> ${to}`);
}

/** The edges along a node sequence. */
export function edgesThrough(graph: RoadGraph, nodes: readonly number[]): number[] {
  return nodes.slice(1).map((v, k) => edgeFrom(graph, nodes[k]!, v));
}
