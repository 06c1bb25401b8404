import { METERS_PER_DEGREE } from "../road/route-geo";
import type { EdgePosition } from "./driven-path";
import type { GpsFix } from "./match-types";
import type { MatchingNetwork } from "./matching-network";

/** A fix placed on a driven path: `index` of its edge in the path, metres along that edge. */
export interface PathPosition {
  readonly index: number;
  readonly offsetM: number;
  /** Distance from the fix, metres. */
  readonly distanceM: number;
}

const RAD = Math.PI / 180;

/**
 * Places fixes, in driving order, on a driven path: each at the nearest point of the path that
 * is not behind the previous one, between the path's start (`fromOffsetM` along its first edge)
 * and end (`toOffsetM` along its last). For the fixes pooled between two matched points, whose
 * places the matcher learns only once the path between those points is decided.
 *
 * @example
 * projectOnPath(network, [4, 7, 9], 10, 3, pooledFixes); // [{ index: 1, offsetM: 22, distanceM: 4 }, ...]
 */
export function projectOnPath(
  network: MatchingNetwork,
  path: readonly number[],
  fromOffsetM: number,
  toOffsetM: number,
  fixes: readonly GpsFix[],
): PathPosition[] {
  const positions: PathPosition[] = [];
  let at: EdgePosition & { index: number } = { index: 0, edge: path[0]!, offsetM: fromOffsetM };
  for (const fix of fixes) {
    let best: PathPosition = { index: at.index, offsetM: at.offsetM, distanceM: Number.POSITIVE_INFINITY };
    for (let k = at.index; k < path.length; k++) {
      const lengthM = network.graph.edgeDistanceM[path[k]!]!;
      const lo = k === at.index ? at.offsetM : 0;
      const hi = k === path.length - 1 ? toOffsetM : lengthM;
      if (hi < lo) continue;
      const candidate = nearestOnEdge(network, path[k]!, lo, hi, fix);
      if (candidate.distanceM < best.distanceM) best = { index: k, ...candidate };
    }
    positions.push(best);
    at = { index: best.index, edge: path[best.index]!, offsetM: best.offsetM };
  }
  return positions;
}

/** Nearest point to the fix on `edge` between `loM` and `hiM` metres along it (local plane at the fix). */
function nearestOnEdge(
  network: MatchingNetwork,
  edge: number,
  loM: number,
  hiM: number,
  fix: GpsFix,
): { offsetM: number; distanceM: number } {
  const { graph, tails } = network;
  const u = tails[edge]!;
  const v = graph.edgeTarget[edge]!;
  const kx = Math.cos(fix.lat * RAD) * METERS_PER_DEGREE;
  const ax = (graph.nodeLng[u]! - fix.lng) * kx;
  const ay = (graph.nodeLat[u]! - fix.lat) * METERS_PER_DEGREE;
  const dx = (graph.nodeLng[v]! - fix.lng) * kx - ax;
  const dy = (graph.nodeLat[v]! - fix.lat) * METERS_PER_DEGREE - ay;
  const lengthM = graph.edgeDistanceM[edge]!;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  const offsetM = Math.min(hiM, Math.max(loM, t * lengthM));
  const f = lengthM > 0 ? offsetM / lengthM : 0;
  return { offsetM, distanceM: Math.hypot(ax + f * dx, ay + f * dy) };
}
