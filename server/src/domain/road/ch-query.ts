import type { HierarchyMetric } from "./ch-customize";
import { type ContractionHierarchy, findArc } from "./ch-preprocess";
import { UpwardSearch } from "./ch-search";
import type { SearchSeed } from "./dijkstra";

/** A fastest path found on the hierarchy: time (ms), length (m), graph edges in order, end nodes. */
export interface HierarchyPath {
  readonly durationMs: number;
  readonly distanceM: number;
  readonly edges: number[];
  /** Graph node the path starts from (one of the source seeds) and ends at (a target seed). */
  readonly sourceNode: number;
  readonly targetNode: number;
}

/**
 * Point-to-point queries on a customized CCH: both upward searches walk their elimination-tree
 * chains in one merged rank order; where the chains meet, the sum of both labels bounds the
 * answer, and a node whose label is already past that bound relaxes nothing (pruning). The path
 * is unpacked into graph edges through the metric's middle nodes. Not re-entrant; one per worker.
 *
 * @example
 * const q = new HierarchyQuery(ch, customizeHierarchy(ch, graph, graph.edgeDurationMs));
 * q.route(from, to)?.durationMs; // equals DijkstraSearch.shortestPath(from, to)?.durationMs
 */
export class HierarchyQuery {
  private readonly forward: UpwardSearch;
  private readonly backward: UpwardSearch;
  private metric: HierarchyMetric;

  constructor(
    private readonly ch: ContractionHierarchy,
    metric: HierarchyMetric,
  ) {
    this.metric = metric;
    this.forward = new UpwardSearch(ch, metric, true);
    this.backward = new UpwardSearch(ch, metric, false);
  }

  /** Switches to a new customization (live traffic) of the same hierarchy. */
  setMetric(metric: HierarchyMetric): void {
    this.metric = metric;
    this.forward.setMetric(metric);
    this.backward.setMetric(metric);
  }

  /** Fastest path from graph node to graph node, or null when unreachable. */
  route(source: number, target: number): HierarchyPath | null {
    return this.routeSeeds(
      [{ node: source, durationMs: 0, distanceM: 0 }],
      [{ node: target, durationMs: 0, distanceM: 0 }],
    );
  }

  /**
   * Fastest path from any source seed to any target seed; a seed's time and distance are paid
   * before (source) or after (target) the path, e.g. the partial edges of snapped points.
   */
  routeSeeds(sources: readonly SearchSeed[], targets: readonly SearchSeed[]): HierarchyPath | null {
    const meeting = this.meet(sources, targets);
    if (meeting < 0) return null;
    const f = this.forward;
    const b = this.backward;
    const up = f.arcsTo(meeting);
    const down = b.arcsTo(meeting);
    const edges: number[] = [];
    for (let i = 0; i < up.arcs.length; i++) this.unpackUp(up.arcs[i]!, up.tails[i]!, edges);
    for (let i = down.arcs.length - 1; i >= 0; i--) this.unpackDown(down.arcs[i]!, down.tails[i]!, edges);
    return {
      durationMs: f.timeMs[meeting]! + b.timeMs[meeting]!,
      distanceM: f.distM[meeting]! + b.distM[meeting]!,
      edges,
      sourceNode: this.ch.nodeAtRank[up.seed]!,
      targetNode: this.ch.nodeAtRank[down.seed]!,
    };
  }

  /** Runs both searches; returns the best meeting rank, or -1 when the targets are unreachable. */
  private meet(sources: readonly SearchSeed[], targets: readonly SearchSeed[]): number {
    const { rank } = this.ch;
    const f = this.forward;
    const b = this.backward;
    f.start(
      sources.map((s) => rank[s.node]!),
      sources.map((s) => s.durationMs),
      sources.map((s) => s.distanceM),
    );
    b.start(
      targets.map((s) => rank[s.node]!),
      targets.map((s) => s.durationMs),
      targets.map((s) => s.distanceM),
    );
    let bestMs = Number.POSITIVE_INFINITY;
    let bestDistM = Number.POSITIVE_INFINITY;
    let meeting = -1;
    for (;;) {
      const xf = f.current();
      const xb = b.current();
      if (xf < 0 && xb < 0) return meeting;
      const x = xf < 0 ? xb : xb < 0 ? xf : Math.min(xf, xb);
      if (x === xf && x === xb) {
        const t = f.timeTo(x) + b.timeTo(x);
        const d = f.distM[x]! + b.distM[x]!;
        if (t < bestMs || (t === bestMs && t < Number.POSITIVE_INFINITY && d < bestDistM)) {
          bestMs = t;
          bestDistM = d;
          meeting = x;
        }
      }
      // A label equal to the bound can still be tied-but-shorter only with a 0 ms arc: none exist.
      if (x === xf) f.settle(x, bestMs);
      if (x === xb) b.settle(x, bestMs);
    }
  }

  /** Appends the graph edges of arc `a` traversed upward (tail → head). */
  private unpackUp(a: number, tail: number, out: number[]): void {
    const mid = this.metric.upMid[a]!;
    if (mid < 0) {
      out.push(-(mid + 1));
      return;
    }
    const head = this.ch.upHead[a]!;
    this.unpackDown(this.arcBetween(mid, tail), mid, out);
    this.unpackUp(this.arcBetween(mid, head), mid, out);
  }

  /** Appends the graph edges of arc `a` traversed downward (head → tail). */
  private unpackDown(a: number, tail: number, out: number[]): void {
    const mid = this.metric.downMid[a]!;
    if (mid < 0) {
      out.push(-(mid + 1));
      return;
    }
    const head = this.ch.upHead[a]!;
    this.unpackDown(this.arcBetween(mid, head), mid, out);
    this.unpackUp(this.arcBetween(mid, tail), mid, out);
  }

  private arcBetween(low: number, high: number): number {
    const a = findArc(this.ch.upFirst, this.ch.upHead, low, high);
    if (a < 0) throw new Error(`hierarchy has no arc ${low} -> ${high}: metric and topology disagree`);
    return a;
  }
}
