import type { HierarchyMetric } from "./ch-customize";
import type { ContractionHierarchy } from "./ch-preprocess";
import { UpwardSearch } from "./ch-search";
import { DijkstraSearch, type EdgeWeights, type SearchSeed } from "./dijkstra";
import type { RoadGraph } from "./road-graph";

/**
 * Many-to-many travel times and distances.
 *
 * {@link HierarchyMatrix} is the bucket algorithm (Knopp et al. 2007) on the CCH: one backward
 * upward search per target leaves (target, time, distance) in a bucket at every node it reaches;
 * one forward upward search per source scans the buckets of the nodes it reaches. Cost is one
 * upward search per row and column plus the bucket scans, instead of |S|·|T| point queries.
 * Distances ride along with times: every label is a (time, distance) pair compared
 * lexicographically, so each cell's distance is the length of its fastest path (the shortest
 * among equally fast ones), the same path the Dijkstra oracle picks.
 */

/** A row-major matrix: cell (i, j) = from source i to target j. Unreachable = Infinity in both. */
export interface TravelMatrix {
  readonly sourceCount: number;
  readonly targetCount: number;
  /** Travel times, ms, row-major (`i * targetCount + j`). */
  readonly durationsMs: Float64Array;
  /** Path lengths, m, row-major. */
  readonly distancesM: Float64Array;
}

/** Bucket entries sorted by rank; `touched` lists the ranks that have any (to reset the counts). */
interface Buckets {
  readonly touched: number[];
  readonly entryTarget: Uint32Array;
  readonly entryMs: Float64Array;
  readonly entryDistM: Float64Array;
}

/** One matrix endpoint: its seeds (a node, or both ends of a snapped edge); none = not routable. */
export type MatrixEndpoint = readonly SearchSeed[];

function emptyMatrix(sourceCount: number, targetCount: number): TravelMatrix {
  return {
    sourceCount,
    targetCount,
    durationsMs: new Float64Array(sourceCount * targetCount).fill(Number.POSITIVE_INFINITY),
    distancesM: new Float64Array(sourceCount * targetCount).fill(Number.POSITIVE_INFINITY),
  };
}

/**
 * Bucket many-to-many on a customized hierarchy. Holds its search buffers; not re-entrant.
 *
 * @example
 * const m = new HierarchyMatrix(ch, metric).compute(sources, targets);
 * m.durationsMs[i * m.targetCount + j]; // ms from source i to target j, Infinity if unreachable
 */
export class HierarchyMatrix {
  private readonly forward: UpwardSearch;
  private readonly backward: UpwardSearch;
  /** Bucket CSR: entries of rank r are bucketStart[r] .. bucketStart[r] + bucketCount[r]. */
  private readonly bucketCount: Uint32Array;
  private readonly bucketStart: Uint32Array;

  constructor(
    private readonly ch: ContractionHierarchy,
    metric: HierarchyMetric,
  ) {
    this.forward = new UpwardSearch(ch, metric, true);
    this.backward = new UpwardSearch(ch, metric, false);
    this.bucketCount = new Uint32Array(ch.nodeCount);
    this.bucketStart = new Uint32Array(ch.nodeCount);
  }

  /** Switches to a new customization (live traffic) of the same hierarchy. */
  setMetric(metric: HierarchyMetric): void {
    this.forward.setMetric(metric);
    this.backward.setMetric(metric);
  }

  /** Computes the |sources| × |targets| matrix. */
  compute(sources: readonly MatrixEndpoint[], targets: readonly MatrixEndpoint[]): TravelMatrix {
    const result = emptyMatrix(sources.length, targets.length);
    const buckets = this.fillBuckets(targets);
    sources.forEach((seeds, i) => {
      if (seeds.length > 0) this.scanBuckets(seeds, i, buckets, result);
    });
    for (const r of buckets.touched) this.bucketCount[r] = 0;
    return result;
  }

  /** Backward searches from every target; their labels become bucket entries grouped by rank. */
  private fillBuckets(targets: readonly MatrixEndpoint[]): Buckets {
    const { rank } = this.ch;
    const b = this.backward;
    const nodes: number[] = [];
    const owners: number[] = [];
    const times: number[] = [];
    const dists: number[] = [];
    targets.forEach((seeds, j) => {
      if (seeds.length === 0) return;
      b.start(
        seeds.map((s) => rank[s.node]!),
        seeds.map((s) => s.durationMs),
        seeds.map((s) => s.distanceM),
      );
      b.runToRoot((x) => {
        if (b.stamp[x] !== b.generation) return;
        nodes.push(x);
        owners.push(j);
        times.push(b.timeMs[x]!);
        dists.push(b.distM[x]!);
      });
    });
    return this.sortBuckets(nodes, owners, times, dists);
  }

  /** Counting sort of the entries by rank into flat typed arrays (no per-entry objects). */
  private sortBuckets(nodes: number[], owners: number[], times: number[], dists: number[]): Buckets {
    const { bucketCount, bucketStart } = this;
    const touched: number[] = [];
    for (const x of nodes) if (bucketCount[x]!++ === 0) touched.push(x);
    let offset = 0;
    for (const x of touched) {
      bucketStart[x] = offset;
      offset += bucketCount[x]!;
      bucketCount[x] = 0;
    }
    const entryTarget = new Uint32Array(offset);
    const entryMs = new Float64Array(offset);
    const entryDistM = new Float64Array(offset);
    for (let k = 0; k < nodes.length; k++) {
      const x = nodes[k]!;
      const slot = bucketStart[x]! + bucketCount[x]!++;
      entryTarget[slot] = owners[k]!;
      entryMs[slot] = times[k]!;
      entryDistM[slot] = dists[k]!;
    }
    return { touched, entryTarget, entryMs, entryDistM };
  }

  /** Forward search from one source, scanning the bucket of every node it reaches. */
  private scanBuckets(seeds: MatrixEndpoint, row: number, buckets: Buckets, out: TravelMatrix): void {
    const { rank } = this.ch;
    const f = this.forward;
    const { bucketStart, bucketCount } = this;
    const { entryTarget, entryMs, entryDistM } = buckets;
    const { durationsMs, distancesM, targetCount } = out;
    const base = row * targetCount;
    f.start(
      seeds.map((s) => rank[s.node]!),
      seeds.map((s) => s.durationMs),
      seeds.map((s) => s.distanceM),
    );
    for (let x = f.current(); x >= 0; x = f.current()) {
      if (f.stamp[x] === f.generation && bucketCount[x]! > 0) {
        const tx = f.timeMs[x]!;
        const dx = f.distM[x]!;
        for (let k = bucketStart[x]!, end = k + bucketCount[x]!; k < end; k++) {
          const cell = base + entryTarget[k]!;
          const t = tx + entryMs[k]!;
          const d = dx + entryDistM[k]!;
          if (t < durationsMs[cell]! || (t === durationsMs[cell]! && d < distancesM[cell]!)) {
            durationsMs[cell] = t;
            distancesM[cell] = d;
          }
        }
      }
      f.settle(x, Number.POSITIVE_INFINITY);
    }
  }
}

/**
 * The oracle: one Dijkstra from each source over the whole graph; for tests and as an exact
 * fallback. O(|S| · graph).
 *
 * @example
 * const m = computeMatrixByDijkstra(graph, sources, targets); // same cells as HierarchyMatrix
 */
export function computeMatrixByDijkstra(
  graph: RoadGraph,
  sources: readonly MatrixEndpoint[],
  targets: readonly MatrixEndpoint[],
  weights?: EdgeWeights,
): TravelMatrix {
  const result = emptyMatrix(sources.length, targets.length);
  const search = new DijkstraSearch(graph);
  sources.forEach((seeds, i) => {
    if (seeds.length === 0) return;
    search.searchAll(seeds, weights);
    targets.forEach((targetSeeds, j) => {
      const cell = i * targets.length + j;
      for (const s of targetSeeds) {
        const t = search.durationTo(s.node) + s.durationMs;
        const d = search.distanceTo(s.node) + s.distanceM;
        if (
          t < result.durationsMs[cell]! ||
          (t === result.durationsMs[cell]! && d < result.distancesM[cell]!)
        ) {
          result.durationsMs[cell] = t;
          result.distancesM[cell] = d;
        }
      }
    });
  });
  return result;
}
