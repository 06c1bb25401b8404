import { haversineMeters } from "../telemetry/distance";
import type { CarWayProfile } from "./car-profile";
import { EdgeList } from "./edge-list";
import { hilbertNodeOrder, layoutCsr } from "./graph-layout";
import { findOsmNode, type OsmNodeTable } from "./osm-extract";
import { type RestrictionResolveFailure, resolveRestrictions } from "./restriction-resolver";
import type { ViaNodeRestriction } from "./restriction-rules";
import { splitRestrictedNodes } from "./restriction-splitter";
import { ROAD_CLASSES, type RoadGraph, WAY_ONEWAY, WAY_ROUNDABOUT } from "./road-graph";

/** A way the car profile accepted: OSM id, node refs in order, and how cars use it. */
export interface DrivableWay {
  readonly osmId: number;
  readonly nodeRefs: readonly number[];
  readonly profile: CarWayProfile;
}

/** What {@link buildRoadGraph} builds from. */
export interface RoadGraphInput {
  readonly nodes: OsmNodeTable;
  readonly ways: readonly DrivableWay[];
  readonly restrictions: readonly ViaNodeRestriction[];
}

/** Counts from one build. */
export interface RoadGraphBuildStats {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly wayCount: number;
  /** Node copies added to honour turn restrictions. */
  readonly splitNodeCount: number;
  readonly restrictionsApplied: number;
  readonly restrictionsSkipped: Readonly<Record<RestrictionResolveFailure, number>>;
  /** Way node refs without coordinates in the input (ways are cut there). */
  readonly missingNodeRefs: number;
}

/** Edges between OSM nodes, before restrictions and layout. */
interface RawNetwork {
  readonly edges: EdgeList;
  /** Node table index of each graph node. */
  readonly tableIndex: number[];
  /** Graph node of each node table index, or -1. */
  readonly nodeOfTable: Int32Array;
  readonly missingNodeRefs: number;
}

/**
 * Builds the routable graph: every node of a drivable way becomes a graph node (no degree-2
 * compression; consecutive duplicate refs are dropped, refs without coordinates cut the way), each
 * pair of consecutive nodes one edge per allowed direction with `durationMs = distance / speed`
 * (at least 1 ms). Turn restrictions are honoured by node splitting (see
 * {@link splitRestrictedNodes}); then nodes are renumbered along a Hilbert curve for memory
 * locality and the edges laid out as CSR.
 *
 * @example
 * const { graph, stats } = buildRoadGraph({ nodes, ways, restrictions });
 * graph.nodeCount; // ≥ number of distinct nodes on drivable ways
 */
export function buildRoadGraph(input: RoadGraphInput): { graph: RoadGraph; stats: RoadGraphBuildStats } {
  const raw = collectEdges(input);
  const resolved = resolveRestrictions(input.restrictions, input.ways, (osmId) => {
    const t = findOsmNode(input.nodes, osmId);
    return t < 0 ? -1 : raw.nodeOfTable[t]!;
  });
  const split = splitRestrictedNodes(raw.edges, raw.tableIndex.length, resolved.rulesByNode);
  const { rank, ...nodeTables } = orderNodes(input.nodes, raw.tableIndex, split.nodeOrigin);
  const nodeCount = rank.length;
  const graph: RoadGraph = {
    nodeCount,
    edgeCount: split.edges.count,
    ...nodeTables,
    ...layoutCsr(split.edges, rank, nodeCount),
    ...wayTables(input.ways),
  };
  const stats: RoadGraphBuildStats = {
    nodeCount,
    edgeCount: split.edges.count,
    wayCount: input.ways.length,
    splitNodeCount: split.addedNodeCount,
    restrictionsApplied: resolved.applied,
    restrictionsSkipped: resolved.skipped,
    missingNodeRefs: raw.missingNodeRefs,
  };
  return { graph, stats };
}

/** Coordinates and OSM ids of the graph nodes in Hilbert order, and `rank[node] = new number`. */
function orderNodes(table: OsmNodeTable, tableIndex: readonly number[], nodeOrigin: Uint32Array) {
  const n = nodeOrigin.length;
  const source = new Uint32Array(n);
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const t = tableIndex[nodeOrigin[v]!]!;
    source[v] = t;
    lng[v] = table.lng[t]!;
    lat[v] = table.lat[t]!;
  }
  const order = hilbertNodeOrder(lng, lat, n);
  const rank = new Uint32Array(n);
  const nodeLng = new Float64Array(n);
  const nodeLat = new Float64Array(n);
  const nodeOsmId = new Float64Array(n);
  order.forEach((v, r) => {
    rank[v] = r;
    nodeLng[r] = lng[v]!;
    nodeLat[r] = lat[v]!;
    nodeOsmId[r] = table.ids[source[v]!]!;
  });
  return { rank, nodeLng, nodeLat, nodeOsmId };
}

function collectEdges(input: RoadGraphInput): RawNetwork {
  const { nodes, ways } = input;
  const edges = new EdgeList();
  const tableIndex: number[] = [];
  const nodeOfTable = new Int32Array(nodes.count).fill(-1);
  const graphNode = (t: number) => {
    if (nodeOfTable[t] === -1) nodeOfTable[t] = tableIndex.push(t) - 1;
    return nodeOfTable[t]!;
  };
  let missingNodeRefs = 0;
  ways.forEach((way, w) => {
    const { forward, backward, speedKmh } = way.profile;
    let previous = -1;
    for (const ref of way.nodeRefs) {
      const t = findOsmNode(nodes, ref);
      if (t < 0) missingNodeRefs++;
      if (t < 0 || t === previous) {
        previous = t < 0 ? -1 : previous;
        continue;
      }
      if (previous >= 0) {
        const a = graphNode(previous);
        const b = graphNode(t);
        const distanceM = haversineMeters(
          nodes.lat[previous]!,
          nodes.lng[previous]!,
          nodes.lat[t]!,
          nodes.lng[t]!,
        );
        const durationMs = Math.max(1, Math.round((distanceM * 3600) / speedKmh));
        if (forward) edges.add(a, b, durationMs, distanceM, w);
        if (backward) edges.add(b, a, durationMs, distanceM, w);
      }
      previous = t;
    }
  });
  return { edges, tableIndex, nodeOfTable, missingNodeRefs };
}

function wayTables(ways: readonly DrivableWay[]) {
  const wayOsmId = new Float64Array(ways.length);
  const wayClass = new Uint8Array(ways.length);
  const wayFlags = new Uint8Array(ways.length);
  ways.forEach((way, w) => {
    const { profile } = way;
    wayOsmId[w] = way.osmId;
    wayClass[w] = ROAD_CLASSES.indexOf(profile.roadClass);
    wayFlags[w] =
      (profile.roundabout ? WAY_ROUNDABOUT : 0) | (profile.forward !== profile.backward ? WAY_ONEWAY : 0);
  });
  return { wayOsmId, wayName: ways.map((way) => way.profile.name), wayClass, wayFlags };
}
