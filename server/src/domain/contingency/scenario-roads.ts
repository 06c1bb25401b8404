import type { LngLat } from "@waybill/shared";
import { clockSeconds, type Scenario, type ScenarioRoad } from "@waybill/shared/contracts/scenario.schema";
import { ROAD_CLASSES, type RoadGraph } from "../road/road-graph";
import { planarM, type RoadDisruption } from "./day-network";

/**
 * The graph edges (both directions) of a scenario's road: every edge of the listed OSM ways, or
 * of the ways named exactly so.
 *
 * @throws RangeError naming the way ids or the name that match nothing in the graph.
 * @example
 * resolveRoad(graph, { wayIds: [120113156] }); // [edge, edge, ...]
 */
export function resolveRoad(graph: RoadGraph, road: ScenarioRoad): number[] {
  const wanted = new Set(waysOf(graph, road));
  const edges: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) if (wanted.has(graph.edgeWay[e]!)) edges.push(e);
  return edges;
}

/**
 * The road as lines to draw along it, one per way: each way's nodes in order (for a road closure
 * posted to the API, which closes the roads under a line).
 *
 * @throws RangeError as {@link resolveRoad}.
 */
export function roadLines(graph: RoadGraph, road: ScenarioRoad): LngLat[][] {
  const lines: LngLat[][] = [];
  for (const way of waysOf(graph, road)) {
    const next = new Map<number, number[]>();
    for (let v = 0; v < graph.nodeCount; v++)
      for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) {
        if (graph.edgeWay[e] !== way) continue;
        const w = graph.edgeTarget[e]!;
        next.set(v, [...(next.get(v) ?? []), w]);
        next.set(w, [...(next.get(w) ?? []), v]);
      }
    const ends = [...next].filter(([, neighbours]) => new Set(neighbours).size === 1).map(([node]) => node);
    let node = ends[0] ?? next.keys().next().value;
    const seen = new Set<number>();
    const line: LngLat[] = [];
    while (node !== undefined && !seen.has(node)) {
      seen.add(node);
      line.push([graph.nodeLng[node]!, graph.nodeLat[node]!]);
      node = next.get(node)?.find((candidate) => !seen.has(candidate));
    }
    if (line.length >= 2) lines.push(line);
  }
  return lines;
}

/** Indexes of the road's ways in the graph's way tables. */
function waysOf(graph: RoadGraph, road: ScenarioRoad): number[] {
  const wanted: number[] = [];
  for (let way = 0; way < graph.wayOsmId.length; way++)
    if (road.wayIds ? road.wayIds.includes(graph.wayOsmId[way]!) : graph.wayName[way] === road.name)
      wanted.push(way);
  if (road.wayIds) {
    const found = new Set(wanted.map((way) => graph.wayOsmId[way]!));
    const missing = road.wayIds.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new RangeError(`road.wayIds: ways ${missing.join(", ")} are not roads of the graph`);
  } else if (wanted.length === 0)
    throw new RangeError(`road.name: no road of the graph is named "${road.name}"`);
  return wanted;
}

/**
 * The closures and slowdowns of a scenario on a graph, each active from its `from` to its `to`.
 *
 * @throws RangeError naming the event whose road matches nothing in the graph.
 */
export function scenarioDisruptions(scenario: Scenario, graph: RoadGraph): RoadDisruption[] {
  return scenario.events.flatMap((event, index) => {
    if (event.kind !== "closure" && event.kind !== "slowdown") return [];
    let edges: number[];
    try {
      edges = resolveRoad(graph, event.road);
    } catch (error) {
      throw new RangeError(`events[${index}].${(error as Error).message}`, { cause: error });
    }
    return [
      {
        id: `events[${index}]`,
        fromS: clockSeconds(event.from),
        toS: clockSeconds(event.to),
        edges,
        factor: event.kind === "slowdown" ? event.factor : null,
      },
    ];
  });
}

/** Road classes where deliveries are made (not motorways, links or service roads). */
const ADDRESS_CLASSES = new Set(
  ["primary", "secondary", "tertiary", "unclassified", "residential", "living_street"].map((c) =>
    ROAD_CLASSES.indexOf(c as (typeof ROAD_CLASSES)[number]),
  ),
);

/**
 * Candidate delivery addresses: the graph's nodes on street classes within `radiusM` of `center`
 * (straight line), one per coordinate, in node order. The caller keeps those the depot reaches
 * and is reached from.
 *
 * @example
 * const candidates = addressPoints(graph, [7.4165, 43.7295], 2500);
 */
export function addressPoints(graph: RoadGraph, center: LngLat, radiusM: number): LngLat[] {
  const seen = new Set<string>();
  const points: LngLat[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    const point: LngLat = [graph.nodeLng[v]!, graph.nodeLat[v]!];
    if (planarM(center, point) > radiusM) continue;
    let street = false;
    for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]! && !street; e++)
      street = ADDRESS_CLASSES.has(graph.wayClass[graph.edgeWay[e]!]!);
    const key = `${point[0]},${point[1]}`;
    if (!street || seen.has(key)) continue;
    seen.add(key);
    points.push(point);
  }
  return points;
}
