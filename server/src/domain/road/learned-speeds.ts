import type { RoadGraph } from "./road-graph";
import { MAX_SPEED_FACTOR, MIN_SPEED_FACTOR } from "./traffic";

/**
 * Speeds learned from the fleet's own drives: per directed road segment and hour of the day, how
 * many traversals were seen and the sum of their speeds. Segments are named by their OSM node ids
 * (from, to), which survive a rebuild of the graph; hours are UTC. Pure: no clock, no I/O.
 */

/** A directed segment driven end to end, with the times its nodes were passed (epoch ms). */
export interface TimedTraversal {
  readonly edge: number;
  readonly enterAt: number;
  readonly leaveAt: number;
}

/** Traversals of one segment in one hour: their number and the sum of their speeds. */
export interface SpeedSample {
  readonly fromOsmNodeId: number;
  readonly toOsmNodeId: number;
  /** Hour of the day, UTC, 0..23, of the middle of each traversal. */
  readonly hour: number;
  readonly count: number;
  readonly sumSpeedKmh: number;
}

/** When a traversal teaches something, and when a segment has been seen often enough to trust. */
export interface SpeedLearningRules {
  /** Shorter segments are skipped: a second of timing error is a large error in their speed. */
  readonly minEdgeM: number;
  /** A traversal below this fraction of free flow had a stop in it (a delivery, a red light queue): skipped. */
  readonly minFreeFlowFraction: number;
  /** Traversals a segment needs in an hour before its learned speed is used. */
  readonly minSamples: number;
}

export const DEFAULT_SPEED_LEARNING: SpeedLearningRules = {
  minEdgeM: 25,
  minFreeFlowFraction: 0.15,
  minSamples: 3,
};

/** A segment's free-flow speed, km/h. */
export function freeFlowKmh(graph: RoadGraph, edge: number): number {
  return (graph.edgeDistanceM[edge]! / graph.edgeDurationMs[edge]!) * 3_600;
}

/**
 * The speed of one traversal, km/h, clamped to what routing accepts (at most
 * {@link MAX_SPEED_FACTOR} × free flow); null when it teaches nothing: the segment is too short,
 * the times are not increasing, or the vehicle stopped on the way.
 *
 * @example
 * traversalSpeedKmh(graph, { edge: 7, enterAt: 0, leaveAt: 9_000 }); // 100 m in 9 s: 40
 */
export function traversalSpeedKmh(
  graph: RoadGraph,
  { edge, enterAt, leaveAt }: TimedTraversal,
  rules: SpeedLearningRules = DEFAULT_SPEED_LEARNING,
): number | null {
  const metres = graph.edgeDistanceM[edge]!;
  const seconds = (leaveAt - enterAt) / 1000;
  if (metres < rules.minEdgeM || !(seconds > 0)) return null;
  const kmh = (metres / seconds) * 3.6;
  const free = freeFlowKmh(graph, edge);
  if (kmh < rules.minFreeFlowFraction * free) return null;
  return Math.min(kmh, MAX_SPEED_FACTOR * free);
}

/** A directed segment's key: its end nodes' OSM ids. */
const segmentKey = (fromOsmNodeId: number, toOsmNodeId: number) => `${fromOsmNodeId}>${toOsmNodeId}`;

/**
 * The useful traversals as samples, one per segment and hour.
 *
 * @example
 * collectSpeedSamples(graph, tails, traversals); // [{ fromOsmNodeId, toOsmNodeId, hour: 8, count: 2, sumSpeedKmh: 61 }]
 */
export function collectSpeedSamples(
  graph: RoadGraph,
  tails: Uint32Array,
  traversals: readonly TimedTraversal[],
  rules: SpeedLearningRules = DEFAULT_SPEED_LEARNING,
): SpeedSample[] {
  const samples: SpeedSample[] = [];
  for (const traversal of traversals) {
    const speedKmh = traversalSpeedKmh(graph, traversal, rules);
    if (speedKmh === null) continue;
    samples.push({
      fromOsmNodeId: graph.nodeOsmId[tails[traversal.edge]!]!,
      toOsmNodeId: graph.nodeOsmId[graph.edgeTarget[traversal.edge]!]!,
      hour: new Date((traversal.enterAt + traversal.leaveAt) / 2).getUTCHours(),
      count: 1,
      sumSpeedKmh: speedKmh,
    });
  }
  return mergeSpeedSamples(samples);
}

/**
 * Adds samples of the same segment and hour together (counts and sums), so many traversals
 * travel and are stored as one row.
 */
export function mergeSpeedSamples(...lists: readonly (readonly SpeedSample[])[]): SpeedSample[] {
  const merged = new Map<string, SpeedSample>();
  for (const list of lists)
    for (const sample of list) {
      const key = `${segmentKey(sample.fromOsmNodeId, sample.toOsmNodeId)}@${sample.hour}`;
      const seen = merged.get(key);
      merged.set(
        key,
        seen
          ? { ...seen, count: seen.count + sample.count, sumSpeedKmh: seen.sumSpeedKmh + sample.sumSpeedKmh }
          : sample,
      );
    }
  return [...merged.values()];
}

/**
 * The graph's directed edges by the OSM node ids of their ends. Several edges may share a pair
 * where the importer split a node to honour a turn restriction: a learned speed applies to all.
 */
export function edgesByOsmNodes(graph: RoadGraph, tails: Uint32Array): Map<string, number[]> {
  const edges = new Map<string, number[]>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const key = segmentKey(graph.nodeOsmId[tails[e]!]!, graph.nodeOsmId[graph.edgeTarget[e]!]!);
    const list = edges.get(key);
    if (list) list.push(e);
    else edges.set(key, [e]);
  }
  return edges;
}

/**
 * Per-edge speed factors for one hour: the mean learned speed over the free-flow speed, clamped
 * to [{@link MIN_SPEED_FACTOR}, {@link MAX_SPEED_FACTOR}], for every segment with at least
 * `minSamples` traversals in that hour. Segments the graph does not have are ignored.
 *
 * @example
 * learnedSpeedFactors(graph, edgesByOsmNodes(graph, tails), samples, 8); // [{ edge: 12, factor: 0.5 }]
 */
export function learnedSpeedFactors(
  graph: RoadGraph,
  edges: ReadonlyMap<string, readonly number[]>,
  samples: readonly SpeedSample[],
  hour: number,
  rules: SpeedLearningRules = DEFAULT_SPEED_LEARNING,
): { edge: number; factor: number }[] {
  const factors: { edge: number; factor: number }[] = [];
  for (const sample of samples) {
    if (sample.hour !== hour || sample.count < rules.minSamples) continue;
    const meanKmh = sample.sumSpeedKmh / sample.count;
    for (const edge of edges.get(segmentKey(sample.fromOsmNodeId, sample.toOsmNodeId)) ?? []) {
      const factor = meanKmh / freeFlowKmh(graph, edge);
      factors.push({ edge, factor: Math.min(MAX_SPEED_FACTOR, Math.max(MIN_SPEED_FACTOR, factor)) });
    }
  }
  return factors;
}
