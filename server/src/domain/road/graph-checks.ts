import { isValidLat, isValidLng } from "@waybill/shared";
import { ROAD_CLASSES, type RoadGraph } from "./road-graph";

/** At most this many problems are listed (a broken array would otherwise list millions). */
const MAX_PROBLEMS = 20;

/**
 * The invariants of a {@link RoadGraph} that do not hold, as sentences (empty when valid): array
 * lengths match the counts, CSR offsets start at 0, never decrease and end at `edgeCount`, targets
 * and ways are in range, durations are at least 1 ms, distances finite and ≥ 0, coordinates valid.
 * O(nodes + edges); cheap enough to run on every graph file load.
 *
 * @example
 * const problems = checkRoadGraph(graph);
 * if (problems.length > 0) throw new Error(`invalid graph: ${problems.join("; ")}`);
 */
export function checkRoadGraph(graph: RoadGraph): string[] {
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  checkLengths(graph, report);
  if (problems.length > 0) return problems;
  checkNodes(graph, report);
  checkEdges(graph, report);
  checkWays(graph, report);
  return problems;
}

type Report = (problem: string) => void;

function checkLengths(graph: RoadGraph, report: Report): void {
  const { nodeCount: n, edgeCount: m } = graph;
  const ways = graph.wayOsmId.length;
  const expected: [string, number, number][] = [
    ["nodeLng", graph.nodeLng.length, n],
    ["nodeLat", graph.nodeLat.length, n],
    ["nodeOsmId", graph.nodeOsmId.length, n],
    ["firstEdge", graph.firstEdge.length, n + 1],
    ["edgeTarget", graph.edgeTarget.length, m],
    ["edgeDurationMs", graph.edgeDurationMs.length, m],
    ["edgeDistanceM", graph.edgeDistanceM.length, m],
    ["edgeWay", graph.edgeWay.length, m],
    ["wayName", graph.wayName.length, ways],
    ["wayClass", graph.wayClass.length, ways],
    ["wayFlags", graph.wayFlags.length, ways],
  ];
  for (const [name, actual, wanted] of expected) {
    if (actual !== wanted) report(`${name} has length ${actual}, expected ${wanted}`);
  }
}

function checkNodes(graph: RoadGraph, report: Report): void {
  const { firstEdge, nodeCount } = graph;
  if (firstEdge[0] !== 0) report(`firstEdge[0] is ${firstEdge[0]}, expected 0`);
  if (firstEdge[nodeCount] !== graph.edgeCount) {
    report(`firstEdge[${nodeCount}] is ${firstEdge[nodeCount]}, expected edgeCount ${graph.edgeCount}`);
  }
  for (let v = 0; v < nodeCount; v++) {
    if (firstEdge[v + 1]! < firstEdge[v]!) report(`firstEdge decreases at node ${v}`);
    if (!isValidLng(graph.nodeLng[v]!) || !isValidLat(graph.nodeLat[v]!)) {
      report(`node ${v} has invalid coordinates ${graph.nodeLng[v]},${graph.nodeLat[v]}`);
    }
  }
}

function checkEdges(graph: RoadGraph, report: Report): void {
  const ways = graph.wayOsmId.length;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.edgeTarget[e]! >= graph.nodeCount) report(`edge ${e} targets node ${graph.edgeTarget[e]}`);
    if (graph.edgeDurationMs[e]! < 1) report(`edge ${e} has duration ${graph.edgeDurationMs[e]} ms`);
    const distanceM = graph.edgeDistanceM[e]!;
    if (!(Number.isFinite(distanceM) && distanceM >= 0)) report(`edge ${e} has distance ${distanceM} m`);
    if (graph.edgeWay[e]! >= ways) report(`edge ${e} belongs to way ${graph.edgeWay[e]} of ${ways}`);
  }
}

function checkWays(graph: RoadGraph, report: Report): void {
  for (let w = 0; w < graph.wayClass.length; w++) {
    if (graph.wayClass[w]! >= ROAD_CLASSES.length) report(`way ${w} has road class ${graph.wayClass[w]}`);
  }
}
