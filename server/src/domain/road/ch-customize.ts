import type { ContractionHierarchy } from "./ch-preprocess";
import type { EdgeWeights } from "./dijkstra";
import type { RoadGraph } from "./road-graph";

/**
 * The metric of a customizable contraction hierarchy: per arc, the best upward (tail → head) and
 * downward (head → tail) travel time in ms (Infinity = no path), the length of that path in m,
 * and how to unpack it: `mid ≥ 0` is the rank of the middle node of the shortcut's best lower
 * triangle, `mid < 0` is the original graph edge `-(mid + 1)`.
 */
export interface HierarchyMetric {
  readonly upMs: Float64Array;
  readonly downMs: Float64Array;
  readonly upDistM: Float64Array;
  readonly downDistM: Float64Array;
  readonly upMid: Int32Array;
  readonly downMid: Int32Array;
}

/**
 * Customizes a hierarchy for per-edge travel times (basic customization: every lower triangle
 * {v, u, w} with v below u < w offers u → v → w and w → v → u to the arc u–w, processed in rank
 * order). Ties in time are broken by distance, as in dijkstra.ts, so distances match the oracle.
 * Linear in the number of triangles; allocation-free when `into` is given.
 *
 * @example
 * const live = customizeHierarchy(ch, graph, trafficWeights); // then new HierarchyQuery(ch, live)
 */
export function customizeHierarchy(
  ch: ContractionHierarchy,
  graph: RoadGraph,
  weights: EdgeWeights,
  into?: HierarchyMetric,
): HierarchyMetric {
  const metric = into ?? allocateMetric(ch.arcCount);
  seedOriginalEdges(ch, graph, weights, metric);
  relaxLowerTriangles(ch, metric);
  return metric;
}

function allocateMetric(arcCount: number): HierarchyMetric {
  return {
    upMs: new Float64Array(arcCount),
    downMs: new Float64Array(arcCount),
    upDistM: new Float64Array(arcCount),
    downDistM: new Float64Array(arcCount),
    upMid: new Int32Array(arcCount),
    downMid: new Int32Array(arcCount),
  };
}

/** Resets every arc to Infinity, then sets the arcs of original edges (best parallel edge wins). */
function seedOriginalEdges(
  ch: ContractionHierarchy,
  graph: RoadGraph,
  weights: EdgeWeights,
  m: HierarchyMetric,
): void {
  m.upMs.fill(Number.POSITIVE_INFINITY);
  m.downMs.fill(Number.POSITIVE_INFINITY);
  m.upDistM.fill(Number.POSITIVE_INFINITY);
  m.downDistM.fill(Number.POSITIVE_INFINITY);
  m.upMid.fill(-1);
  m.downMid.fill(-1);
  const { edgeArc, edgeUpward } = ch;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = edgeArc[e]!;
    if (a < 0) continue;
    const t = weights[e]!;
    if (t === Number.POSITIVE_INFINITY) continue; // closed: the arc keeps Infinity unless another edge maps to it
    const d = graph.edgeDistanceM[e]!;
    const ms = edgeUpward[e] ? m.upMs : m.downMs;
    const dist = edgeUpward[e] ? m.upDistM : m.downDistM;
    if (t < ms[a]! || (t === ms[a]! && d < dist[a]!)) {
      ms[a] = t;
      dist[a] = d;
      (edgeUpward[e] ? m.upMid : m.downMid)[a] = -(e + 1);
    }
  }
}

/**
 * The triangle pass. For each node v (ascending rank) its upper arcs are marked by head; for each
 * upper arc v→u, every arc u→w whose head w is marked closes a triangle. One function because the
 * loop is the whole cost of customization and must stay free of calls and allocations.
 */
function relaxLowerTriangles(ch: ContractionHierarchy, m: HierarchyMetric): void {
  const { upFirst, upHead, nodeCount } = ch;
  const { upMs, downMs, upDistM, downDistM, upMid, downMid } = m;
  const markArc = new Int32Array(nodeCount);
  const markOwner = new Int32Array(nodeCount).fill(-1);
  for (let v = 0; v < nodeCount; v++) {
    const begin = upFirst[v]!;
    const end = upFirst[v + 1]!;
    if (end - begin < 2) continue;
    for (let a = begin; a < end; a++) {
      markArc[upHead[a]!] = a;
      markOwner[upHead[a]!] = v;
    }
    for (let a1 = begin; a1 < end; a1++) {
      const u = upHead[a1]!;
      const vuUp = upMs[a1]!; // v → u
      const vuDown = downMs[a1]!; // u → v
      if (vuUp === Number.POSITIVE_INFINITY && vuDown === Number.POSITIVE_INFINITY) continue;
      for (let a3 = upFirst[u]!, end3 = upFirst[u + 1]!; a3 < end3; a3++) {
        const w = upHead[a3]!;
        if (markOwner[w] !== v) continue;
        const a2 = markArc[w]!;
        // u → w = (u → v) + (v → w)
        const up = vuDown + upMs[a2]!;
        const upD = downDistM[a1]! + upDistM[a2]!;
        if (up < upMs[a3]! || (up === upMs[a3]! && upD < upDistM[a3]!)) {
          upMs[a3] = up;
          upDistM[a3] = upD;
          upMid[a3] = v;
        }
        // w → u = (w → v) + (v → u)
        const down = downMs[a2]! + vuUp;
        const downD = downDistM[a2]! + upDistM[a1]!;
        if (down < downMs[a3]! || (down === downMs[a3]! && downD < downDistM[a3]!)) {
          downMs[a3] = down;
          downDistM[a3] = downD;
          downMid[a3] = v;
        }
      }
    }
  }
}
