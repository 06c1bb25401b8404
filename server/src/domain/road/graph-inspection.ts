import type { RoadGraph } from "./road-graph";

/**
 * Questions about a built graph in OSM terms, for tests, debugging and checks against the source
 * data (which speaks in OSM node ids, not graph node numbers).
 */

/**
 * The tail node of every edge (CSR stores only heads).
 *
 * @example
 * const edgeSource = edgeSources(graph); // edgeSource[e] → e runs edgeSource[e] → graph.edgeTarget[e]
 */
export function edgeSources(graph: RoadGraph): Uint32Array {
  const sources = new Uint32Array(graph.edgeCount);
  for (let v = 0; v < graph.nodeCount; v++) sources.fill(v, graph.firstEdge[v], graph.firstEdge[v + 1]);
  return sources;
}

/**
 * Every edge as `"fromOsmId>toOsmId"`, once per distinct pair (copies of split nodes merge).
 *
 * @example
 * osmEdgePairs(graph).has("21912089>21912093"); // true when cars may drive 21912089 → 21912093
 */
export function osmEdgePairs(graph: RoadGraph): Set<string> {
  const sources = edgeSources(graph);
  const pairs = new Set<string>();
  for (let e = 0; e < graph.edgeCount; e++) {
    pairs.add(`${graph.nodeOsmId[sources[e]!]}>${graph.nodeOsmId[graph.edgeTarget[e]!]}`);
  }
  return pairs;
}

/**
 * Where a car may go next, as OSM node ids, after driving from OSM node `fromOsmId` into OSM node
 * `viaOsmId` (one set per graph edge doing that; usually one, more when either node is split).
 *
 * @example
 * exitsAfter(graph, 3, 1); // [Set { 2, 3, 5 }]: arriving at 1 from 3, no exit to 4
 */
export function exitsAfter(graph: RoadGraph, fromOsmId: number, viaOsmId: number): Set<number>[] {
  const sources = edgeSources(graph);
  const result: Set<number>[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const via = graph.edgeTarget[e]!;
    if (graph.nodeOsmId[sources[e]!] !== fromOsmId || graph.nodeOsmId[via] !== viaOsmId) continue;
    const exits = new Set<number>();
    for (let o = graph.firstEdge[via]!; o < graph.firstEdge[via + 1]!; o++)
      exits.add(graph.nodeOsmId[graph.edgeTarget[o]!]!);
    result.push(exits);
  }
  return result;
}

/**
 * Graph nodes reachable from `start` along edges (forward search, O(nodes + edges)).
 *
 * @example
 * reachableFrom(graph, 0).size === graph.nodeCount; // every node reachable from node 0
 */
export function reachableFrom(graph: RoadGraph, start: number): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) {
      const w = graph.edgeTarget[e]!;
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen;
}
