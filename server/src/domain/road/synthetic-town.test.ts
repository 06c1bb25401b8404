import { describe, expect, it } from "vitest";
import { haversineMeters } from "../telemetry/distance";
import { expectGoldenGeoJson } from "./__fixtures__/golden-file";
import { checkRoadGraph } from "./graph-checks";
import { edgeSources, exitsAfter, reachableFrom } from "./graph-inspection";
import { findOsmNode } from "./osm-extract";
import { osmWaysToGeoJson } from "./road-geojson";
import { type RoadGraph, WAY_ONEWAY, WAY_ROUNDABOUT } from "./road-graph";
import { buildRoadGraphFromExtract } from "./road-import";
import { generateSyntheticTown, SYNTHETIC_TOWN_CENTER } from "./synthetic-town";

/** Nodes reachable from `start` driving only on edges whose way passes `allowWay`. */
function reachableWithout(graph: RoadGraph, start: number, blockedWays: ReadonlySet<number>): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) {
      const w = graph.edgeTarget[e]!;
      if (blockedWays.has(graph.edgeWay[e]!) || seen.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return seen;
}

/** The graph with every edge turned around. */
function reversed(graph: RoadGraph): RoadGraph {
  const sources = edgeSources(graph);
  const firstEdge = new Uint32Array(graph.nodeCount + 1);
  for (let e = 0; e < graph.edgeCount; e++) firstEdge[graph.edgeTarget[e]! + 1]!++;
  for (let v = 0; v < graph.nodeCount; v++) firstEdge[v + 1]! += firstEdge[v]!;
  const next = firstEdge.slice(0, graph.nodeCount);
  const edgeTarget = new Uint32Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) edgeTarget[next[graph.edgeTarget[e]!]!++] = sources[e]!;
  return { ...graph, firstEdge, edgeTarget };
}

describe(generateSyntheticTown.name, () => {
  const extract = generateSyntheticTown({ seed: 42 });
  const { graph, stats } = buildRoadGraphFromExtract(extract);
  const waysNamed = (name: string) => extract.ways.filter((way) => way.tags.name === name);
  const nodeAt = (id: number) => findOsmNode(extract.nodes, id);

  it("builds a valid graph of a few thousand edges with all four restrictions applied", () => {
    expect(checkRoadGraph(graph)).toEqual([]);
    expect(graph.nodeCount).toBeGreaterThan(700);
    expect(graph.edgeCount).toBeGreaterThan(1_800);
    expect(stats).toMatchObject({ restrictionsApplied: 4, missingNodeRefs: 0, splitNodeCount: 4 });
    expect(stats.restrictionsSkipped).toEqual({ member_not_drivable: 0, via_not_on_way: 0 });
  });

  it("lets a car get from anywhere to anywhere (strongly connected, restrictions included)", () => {
    expect(reachableFrom(graph, 0).size).toBe(graph.nodeCount);
    expect(reachableFrom(reversed(graph), 0).size).toBe(graph.nodeCount);
  });

  it("covers about 4 km x 4 km around the centre", () => {
    const [lng0, lat0] = SYNTHETIC_TOWN_CENTER;
    const { lng, lat } = extract.nodes;
    const eastM = haversineMeters(lat0, lng0, lat0, Math.max(...lng));
    const westM = haversineMeters(lat0, lng0, lat0, Math.min(...lng));
    const northM = haversineMeters(lat0, lng0, Math.max(...lat), lng0);
    const southM = haversineMeters(lat0, lng0, Math.min(...lat), lng0);
    for (const extentM of [eastM + westM, northM + southM]) {
      expect(extentM).toBeGreaterThan(3_900);
      expect(extentM).toBeLessThan(4_700);
    }
  });

  it("has a ring road, two primary arterials, secondary and residential streets, all named", () => {
    expect(waysNamed("Ring Road").length).toBeGreaterThanOrEqual(4);
    for (const name of ["Harbour Road", "King Street"]) {
      expect(waysNamed(name).every((way) => way.tags.highway === "primary")).toBe(true);
    }
    const classes = new Set(extract.ways.map((way) => way.tags.highway));
    expect(classes).toEqual(new Set(["primary", "secondary", "residential", undefined]));
    const streets = extract.ways.filter((way) => way.tags.highway);
    expect(streets.every((way) => (way.tags.name ?? "").length > 0)).toBe(true);
    expect(new Set(streets.map((way) => way.tags.name)).size).toBeGreaterThan(25);
  });

  it("drives Market Street only eastbound and Mill Street only westbound", () => {
    const sources = edgeSources(graph);
    for (const [name, sign] of [
      ["Market Street", 1],
      ["Mill Street", -1],
    ] as const) {
      const way = graph.wayName.indexOf(name);
      expect(graph.wayFlags[way]! & WAY_ONEWAY).toBe(WAY_ONEWAY);
      for (let e = 0; e < graph.edgeCount; e++) {
        if (graph.wayName[graph.edgeWay[e]!] !== name) continue;
        expect(Math.sign(graph.nodeLng[graph.edgeTarget[e]!]! - graph.nodeLng[sources[e]!]!)).toBe(sign);
      }
    }
  });

  it("has a counterclockwise roundabout", () => {
    const [roundabout] = waysNamed("Fountain Circus");
    expect(roundabout?.tags.junction).toBe("roundabout");
    const w = graph.wayName.indexOf("Fountain Circus");
    expect(graph.wayFlags[w]! & WAY_ROUNDABOUT).toBe(WAY_ROUNDABOUT);
    const refs = roundabout!.nodeRefs;
    let turnSum = 0;
    for (let k = 0; k + 2 < refs.length; k++) {
      const [a, b, c] = [refs[k]!, refs[k + 1]!, refs[k + 2]!].map(nodeAt);
      const cross =
        (extract.nodes.lng[b!]! - extract.nodes.lng[a!]!) *
          (extract.nodes.lat[c!]! - extract.nodes.lat[b!]!) -
        (extract.nodes.lat[b!]! - extract.nodes.lat[a!]!) * (extract.nodes.lng[c!]! - extract.nodes.lng[b!]!);
      turnSum += Math.sign(cross);
    }
    expect(turnSum).toBe(refs.length - 2);
  });

  it("crosses the river only on its three bridges: closing them cuts the town in two", () => {
    const bridges = extract.ways.filter((way) => way.tags.bridge === "yes");
    expect(bridges.map((way) => way.tags.name).sort()).toEqual(["King Street", "Ring Road", "Ring Road"]);
    const bridgeWays = new Set(
      bridges.map((way) => graph.wayName.findIndex((_, w) => graph.wayOsmId[w] === way.id)),
    );
    expect(reachableWithout(graph, 0, new Set()).size).toBe(graph.nodeCount);
    const cut = reachableWithout(graph, 0, bridgeWays).size;
    expect(cut).toBeGreaterThan(graph.nodeCount * 0.2);
    expect(cut).toBeLessThan(graph.nodeCount * 0.8);
  });

  it("forbids the left turn from Harbour Road east into King Street south at the centre", () => {
    const [noLeft] = extract.relations;
    expect(noLeft?.tags.restriction).toBe("no_left_turn");
    const via = noLeft!.members.find((m) => m.role === "via")!.ref;
    const fromWay = extract.ways.find((way) => way.id === noLeft!.members[0]!.ref)!;
    const toWay = extract.ways.find((way) => way.id === noLeft!.members[2]!.ref)!;
    // Both ways end at the via node; the node next to it on each is where the turn comes from and goes.
    const nextTo = (refs: readonly number[]) => (refs[0] === via ? refs[1]! : refs[refs.length - 2]!);
    const arriving = nextTo(fromWay.nodeRefs);
    const forbidden = nextTo(toWay.nodeRefs);
    const after = exitsAfter(graph, arriving, via);
    expect(after.length).toBeGreaterThan(0);
    for (const exits of after) {
      expect(exits.has(forbidden)).toBe(false);
      expect(exits.size).toBe(3);
    }
  });

  it("is the same town for the same seed and another for another seed", () => {
    expect(generateSyntheticTown({ seed: 42 })).toEqual(extract);
    expect(generateSyntheticTown({ seed: 43 }).nodes.lng).not.toEqual(extract.nodes.lng);
  });

  it("moves with its centre", () => {
    const paris = generateSyntheticTown({ seed: 42, center: [2.35, 48.85] });
    const lng = [...paris.nodes.lng];
    expect(Math.min(...lng)).toBeGreaterThan(2.31);
    expect(Math.max(...lng)).toBeLessThan(2.39);
  });

  it("matches the golden file (REGEN=1 rewrites it; open it on geojson.io to look)", () => {
    expectGoldenGeoJson("synthetic-town-seed-42.geojson", osmWaysToGeoJson(extract));
  });
});
