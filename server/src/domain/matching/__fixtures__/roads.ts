import {
  buildFixtureGraph,
  type FixtureEdge,
  type FixtureNode,
  type FixtureWay,
} from "../../road/graph-fixtures";
import { type RoadGraph, WAY_ONEWAY } from "../../road/road-graph";
import { METERS_PER_DEGREE } from "../../road/route-geo";

/**
 * Small road layouts for matcher tests, near Monaco, in metres east/north of an origin. Nodes of
 * a street are numbered west to east; every street is two-way unless said otherwise.
 */

const ORIGIN = { lng: 7.42, lat: 43.73 };
const M_PER_DEG_LNG = METERS_PER_DEGREE * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** A node `eastM` / `northM` metres from the origin. */
export const at = (eastM: number, northM: number): FixtureNode => ({
  lng: ORIGIN.lng + eastM / M_PER_DEG_LNG,
  lat: ORIGIN.lat + northM / METERS_PER_DEGREE,
});

/** Builds a graph from streets given as node index paths. */
function streets(
  nodes: readonly FixtureNode[],
  list: readonly { name: string; path: readonly number[]; oneway?: boolean }[],
): RoadGraph {
  const ways: FixtureWay[] = [];
  const edges: FixtureEdge[] = [];
  for (const { name, path, oneway } of list) {
    const way = ways.push({ name, roadClass: "residential", flags: oneway ? WAY_ONEWAY : 0 }) - 1;
    for (let k = 1; k < path.length; k++) {
      edges.push({ from: path[k - 1]!, to: path[k]!, way });
      if (!oneway) edges.push({ from: path[k]!, to: path[k - 1]!, way });
    }
  }
  return buildFixtureGraph(nodes, ways, edges);
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);

/** Main Street: 1 km east-west, a node every 100 m (nodes 0-10). */
export function straightRoad(): RoadGraph {
  return streets(
    range(0, 11).map((k) => at(k * 100, 0)),
    [{ name: "Main Street", path: range(0, 11) }],
  );
}

/**
 * South Street (nodes 0-10) and North Street (11-21) 1 km long, 40 m apart, joined by cross
 * streets at both ends and in the middle (0-11, 5-16, 10-21).
 */
export function parallelRoads(): RoadGraph {
  const nodes = [...range(0, 11).map((k) => at(k * 100, 0)), ...range(0, 11).map((k) => at(k * 100, 40))];
  return streets(nodes, [
    { name: "South Street", path: range(0, 11) },
    { name: "North Street", path: range(11, 11) },
    { name: "West Cross", path: [0, 11] },
    { name: "Middle Cross", path: [5, 16] },
    { name: "East Cross", path: [10, 21] },
  ]);
}

/**
 * One Way (nodes 0-5, eastbound only) and Two Way Street (6-11) 30 m north of it, 500 m long,
 * joined at both ends.
 */
export function oneWayBesideTwoWay(): RoadGraph {
  const nodes = [...range(0, 6).map((k) => at(k * 100, 0)), ...range(0, 6).map((k) => at(k * 100, 30))];
  return streets(nodes, [
    { name: "One Way", path: range(0, 6), oneway: true },
    { name: "Two Way Street", path: range(6, 6) },
    { name: "West Link", path: [0, 6] },
    { name: "East Link", path: [5, 11] },
  ]);
}

/** Main Street (nodes 0-4, 100 m apart) and Cul-de-sac, a dead end 200 m north from node 2 (nodes 5, 6). */
export function deadEndStreet(): RoadGraph {
  const nodes = [...range(0, 5).map((k) => at(k * 100, 0)), at(200, 100), at(200, 200)];
  return streets(nodes, [
    { name: "Main Street", path: range(0, 5) },
    { name: "Cul-de-sac", path: [2, 5, 6] },
  ]);
}

/**
 * Two separate streets 20 km apart with nothing between them: West Street (nodes 0-5) and Far
 * Street (6-11), each 500 m long.
 */
export function twoIslands(): RoadGraph {
  const nodes = [
    ...range(0, 6).map((k) => at(k * 100, 0)),
    ...range(0, 6).map((k) => at(20_000 + k * 100, 0)),
  ];
  return streets(nodes, [
    { name: "West Street", path: range(0, 6) },
    { name: "Far Street", path: range(6, 6) },
  ]);
}
