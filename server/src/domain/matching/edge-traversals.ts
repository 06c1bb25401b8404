import type { TimedTraversal } from "../road/learned-speeds";
import type { RoadGraph } from "../road/road-graph";
import type { MatchedFix } from "./match-types";

/** Where the vehicle was last matched, and when. */
interface LastPoint {
  readonly edge: number;
  readonly offsetM: number;
  readonly at: number;
}

/**
 * Turns one vehicle's final matched fixes (in order) into the edges it drove end to end, with
 * the times it passed their nodes. Between two fixes the vehicle is taken to move at an even
 * pace along the driven path, so each node passed gets the time interpolated by distance. An edge
 * is reported only once both of its nodes were passed on one unbroken path: a chain's first and
 * last (partial) edges are not, nor is anything across a break or a silence longer than
 * `maxIntervalMs` (the matcher joins a gap by the shortest route, which says nothing of speed).
 *
 * @example
 * const traversals = new EdgeTraversals(graph, DEFAULT_MATCH_OPTIONS.maxGapMs);
 * for (const m of matcher.push(fix)) for (const t of traversals.take(m)) learn(t);
 */
export class EdgeTraversals {
  private last: LastPoint | null = null;
  /** The edge the vehicle is on and when it entered it at its tail (NaN: not seen entering). */
  private current = { edge: -1, enteredAt: Number.NaN };

  constructor(
    private readonly graph: RoadGraph,
    private readonly maxIntervalMs: number,
  ) {}

  /** Takes the next final matched fix; returns the edges it finished driving, in order. */
  take({ fix, point, path }: MatchedFix): TimedTraversal[] {
    if (!point) return [];
    const at = fix.fixAt ?? Number.NaN;
    const from = this.last;
    this.last = { edge: point.edge, offsetM: point.offsetM, at };
    if (path?.length === 0) return [];
    if (!from || !path || !this.continues(from, path, at)) {
      this.current = { edge: point.edge, enteredAt: Number.NaN };
      return [];
    }
    return this.passNodes(from, path, point.offsetM, at);
  }

  /** Whether the path goes on from the last point, soon enough after it to be timed. */
  private continues(from: LastPoint, path: readonly number[], at: number): boolean {
    return path[0] === from.edge && at >= from.at && at - from.at <= this.maxIntervalMs;
  }

  /** Walks the path's node crossings, timing each by distance, and closes every edge entered earlier. */
  private passNodes(
    from: LastPoint,
    path: readonly number[],
    toOffsetM: number,
    at: number,
  ): TimedTraversal[] {
    const lengths = this.graph.edgeDistanceM;
    const crossingM: number[] = [];
    let driven = lengths[path[0]!]! - from.offsetM;
    for (let k = 1; k < path.length; k++) {
      crossingM.push(driven);
      driven += lengths[path[k]!]!;
    }
    const totalM = driven - lengths[path[path.length - 1]!]! + toOffsetM;
    const out: TimedTraversal[] = [];
    crossingM.forEach((metres, i) => {
      const passedAt = totalM > 0 ? from.at + ((at - from.at) * metres) / totalM : at;
      const left = path[i]!;
      if (this.current.edge === left && Number.isFinite(this.current.enteredAt))
        out.push({ edge: left, enterAt: this.current.enteredAt, leaveAt: passedAt });
      this.current = { edge: path[i + 1]!, enteredAt: passedAt };
    });
    return out;
  }
}
