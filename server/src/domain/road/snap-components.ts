import type { EdgeWeights } from "./dijkstra";
import type { RoadGraph } from "./road-graph";

/**
 * Strongly connected components of the open road network. OSM extracts hold many small islands
 * (car parks, private estates behind one-way gates, roads cut at the extract's border); a point
 * snapped onto one of them cannot reach the rest. Snapping prefers the largest component, as
 * OSRM does with its "big component" phantoms.
 */
export interface StrongComponents {
  /** Component id of each node. */
  readonly componentOf: Int32Array;
  /** Id of the component with the most nodes. */
  readonly largest: number;
}

/**
 * Tarjan's algorithm, iterative (no recursion: components can span the whole graph), over the
 * edges whose weight is finite (closed edges do not connect). One function: the explicit call
 * stack and the component pop share all their state.
 *
 * @example
 * const { componentOf, largest } = findStrongComponents(graph, weights);
 * const onMainNetwork = componentOf[v] === largest;
 */
export function findStrongComponents(graph: RoadGraph, weights: EdgeWeights): StrongComponents {
  const n = graph.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const sizes: number[] = [];
  let counter = 0;
  const enter = (v: number) => {
    index[v] = counter;
    low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    callNode.push(v);
    callEdge.push(graph.firstEdge[v]!);
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (callNode.length > 0) {
      const v = callNode[callNode.length - 1]!;
      const e = callEdge[callEdge.length - 1]!;
      if (e < graph.firstEdge[v + 1]!) {
        callEdge[callEdge.length - 1] = e + 1;
        const w = graph.edgeTarget[e]!;
        if (weights[e] === Number.POSITIVE_INFINITY) continue;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      const parent = callNode[callNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const id = sizes.length;
      let size = 0;
      for (let w = -1; w !== v; size++) {
        w = stack.pop()!;
        onStack[w] = 0;
        componentOf[w] = id;
      }
      sizes.push(size);
    }
  }
  let largest = 0;
  sizes.forEach((size, id) => {
    if (size > sizes[largest]!) largest = id;
  });
  return { componentOf, largest };
}
