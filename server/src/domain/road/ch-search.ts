import type { HierarchyMetric } from "./ch-customize";
import type { ContractionHierarchy } from "./ch-preprocess";

/**
 * One side of a CCH query: an upward search that walks the elimination tree instead of using a
 * priority queue. In a chordal completion the upper neighbours of a node are its elimination-tree
 * ancestors, so the nodes an upward search can reach from a seed are exactly the seed's ancestors;
 * visiting them in rank order settles each one when reached. Several seeds (the two ends of a
 * snapped edge) walk their ancestor chains merged in rank order.
 *
 * Buffers are allocated once per graph and invalidated by a generation counter.
 */
export class UpwardSearch {
  /** Travel time (ms) of each rank reached by the current search (valid where stamp = generation). */
  readonly timeMs: Float64Array;
  /** Path length (m) of each rank reached by the current search. */
  readonly distM: Float64Array;
  /** Arc by which each rank was reached (-1 at seeds), and its tail rank. */
  readonly predArc: Int32Array;
  readonly predTail: Int32Array;
  readonly stamp: Uint32Array;
  generation = 0;
  private cursors: number[] = [];
  private arcMs: Float64Array;
  private arcDistM: Float64Array;

  /** `upward`: search along arcs tail → head (forward from a source) or head → tail (backward from a target). */
  constructor(
    private readonly ch: ContractionHierarchy,
    metric: HierarchyMetric,
    private readonly upward: boolean,
  ) {
    const n = ch.nodeCount;
    this.timeMs = new Float64Array(n);
    this.distM = new Float64Array(n);
    this.predArc = new Int32Array(n);
    this.predTail = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.arcMs = upward ? metric.upMs : metric.downMs;
    this.arcDistM = upward ? metric.upDistM : metric.downDistM;
  }

  /** Switches to another customization of the same hierarchy. */
  setMetric(metric: HierarchyMetric): void {
    this.arcMs = this.upward ? metric.upMs : metric.downMs;
    this.arcDistM = this.upward ? metric.upDistM : metric.downDistM;
  }

  /** Starts a search from seeds given as (rank, time ms, distance m); the best label per rank wins. */
  start(ranks: ArrayLike<number>, timesMs: ArrayLike<number>, distsM: ArrayLike<number>): void {
    const gen = ++this.generation;
    this.cursors.length = 0;
    for (let i = 0; i < ranks.length; i++) {
      const r = ranks[i]!;
      const t = timesMs[i]!;
      const d = distsM[i]!;
      if (this.stamp[r] === gen && (t > this.timeMs[r]! || (t === this.timeMs[r]! && d >= this.distM[r]!)))
        continue;
      if (this.stamp[r] !== gen) this.cursors.push(r);
      this.stamp[r] = gen;
      this.timeMs[r] = t;
      this.distM[r] = d;
      this.predArc[r] = -1;
    }
  }

  /** The next rank to settle (the lowest cursor), or -1 when every chain reached its root. */
  current(): number {
    let x = -1;
    for (const c of this.cursors) if (x < 0 || c < x) x = c;
    return x;
  }

  /** Time (ms) to a rank in this search, Infinity when not reached. */
  timeTo(rank: number): number {
    return this.stamp[rank] === this.generation ? this.timeMs[rank]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Settles `x` (which must be {@link current}): relaxes its upper arcs unless its time is at
   * least `boundMs` (then nothing above it can improve a path of that length), then moves every
   * cursor at `x` to its parent.
   */
  settle(x: number, boundMs: number): void {
    const gen = this.generation;
    const { stamp, timeMs, distM, predArc, predTail, arcMs, arcDistM } = this;
    const { upFirst, upHead } = this.ch;
    if (stamp[x] === gen && timeMs[x]! < boundMs) {
      const tx = timeMs[x]!;
      const dx = distM[x]!;
      for (let a = upFirst[x]!, end = upFirst[x + 1]!; a < end; a++) {
        const y = upHead[a]!;
        const t = tx + arcMs[a]!;
        const d = dx + arcDistM[a]!;
        if (stamp[y] === gen && (t > timeMs[y]! || (t === timeMs[y]! && d >= distM[y]!))) continue;
        if (t === Number.POSITIVE_INFINITY) continue;
        stamp[y] = gen;
        timeMs[y] = t;
        distM[y] = d;
        predArc[y] = a;
        predTail[y] = x;
      }
    }
    this.advance(x);
  }

  private advance(x: number): void {
    const p = this.ch.parent[x]!;
    const cursors = this.cursors;
    let write = 0;
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i] === x ? p : cursors[i]!;
      if (c < 0) continue;
      let dup = false;
      for (let j = 0; j < write; j++) if (cursors[j] === c) dup = true;
      if (!dup) cursors[write++] = c;
    }
    cursors.length = write;
  }

  /** Runs the whole walk with no bound (one-sided searches, e.g. for matrix buckets). */
  runToRoot(visit: (rank: number) => void): void {
    for (let x = this.current(); x >= 0; x = this.current()) {
      visit(x);
      this.settle(x, Number.POSITIVE_INFINITY);
    }
  }

  /** The arcs from the seed to `rank` and their tail ranks, seed first, and the seed's rank. */
  arcsTo(rank: number): { arcs: number[]; tails: number[]; seed: number } {
    const arcs: number[] = [];
    const tails: number[] = [];
    let y = rank;
    while (this.predArc[y]! >= 0) {
      arcs.push(this.predArc[y]!);
      tails.push(this.predTail[y]!);
      y = this.predTail[y]!;
    }
    return { arcs: arcs.reverse(), tails: tails.reverse(), seed: y };
  }
}
