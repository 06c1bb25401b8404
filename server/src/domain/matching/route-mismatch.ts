import type { RoadGraph } from "../road/road-graph";
import type { MatchedTrack } from "./matched-track";

/**
 * Route mismatch fraction (Newson & Krumm 2009) over directed road segments: (length matched
 * but not driven + length driven but not matched) / length driven. Each directed edge counts by
 * the metres covered on it, so the partial first and last edges of the match count only their
 * driven part, and an edge driven twice counts twice.
 *
 * @example
 * routeMismatchFraction(graph, drivenEdges, matchTrack(network, fixes)); // 0.02
 */
export function routeMismatchFraction(
  graph: RoadGraph,
  truthEdges: readonly number[],
  matched: MatchedTrack,
): number {
  const coverage = new Map<number, number>();
  const add = (edge: number, metres: number) => coverage.set(edge, (coverage.get(edge) ?? 0) + metres);
  let drivenM = 0;
  for (const e of truthEdges) {
    add(e, graph.edgeDistanceM[e]!);
    drivenM += graph.edgeDistanceM[e]!;
  }
  for (const e of matched.edges) add(e, -graph.edgeDistanceM[e]!);
  const points = matched.fixes.flatMap((m) => (m.point ? [m.point] : []));
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && matched.edges.length > 0) {
    add(first.edge, first.offsetM);
    add(last.edge, graph.edgeDistanceM[last.edge]! - last.offsetM);
  }
  let mismatchM = 0;
  for (const metres of coverage.values()) mismatchM += Math.abs(metres);
  return mismatchM / drivenM;
}
