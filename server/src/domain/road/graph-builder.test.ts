import { describe, expect, it } from "vitest";
import { expectGoldenGeoJson, readFixture } from "./__fixtures__/golden-file";
import { buildRoadGraph } from "./graph-builder";
import { checkRoadGraph } from "./graph-checks";
import { exitsAfter, osmEdgePairs } from "./graph-inspection";
import { type OsmExtract, OsmNodeTableBuilder, type OsmRelation, type OsmTags } from "./osm-extract";
import { roadGraphEdgesToGeoJson } from "./road-geojson";
import { ROAD_CLASSES, WAY_ONEWAY, WAY_ROUNDABOUT } from "./road-graph";
import { buildRoadGraphFromExtract } from "./road-import";

const ORIGIN = { lng: 7.42, lat: 43.73 };
const METERS_PER_DEGREE = 111_195.08;
const street: OsmTags = { highway: "residential", maxspeed: "30" };

/** An extract from nodes at metre offsets `[east, north]` of a point near Monaco. */
function extractOf(
  nodes: Record<number, readonly [number, number]>,
  ways: readonly (readonly [number, readonly number[], OsmTags])[],
  relations: OsmRelation[] = [],
): OsmExtract {
  const table = new OsmNodeTableBuilder();
  const cos = Math.cos((ORIGIN.lat * Math.PI) / 180);
  for (const [id, [east, north]] of Object.entries(nodes)) {
    table.add(
      Number(id),
      ORIGIN.lng + east / (METERS_PER_DEGREE * cos),
      ORIGIN.lat + north / METERS_PER_DEGREE,
    );
  }
  return {
    nodes: table.finish(),
    ways: ways.map(([id, nodeRefs, tags]) => ({ id, nodeRefs: [...nodeRefs], tags })),
    relations,
  };
}

const restriction = (id: number, value: string, from: number, via: number, to: number): OsmRelation => ({
  id,
  tags: { type: "restriction", restriction: value },
  members: [
    { type: "way", ref: from, role: "from" },
    { type: "node", ref: via, role: "via" },
    { type: "way", ref: to, role: "to" },
  ],
});

function build(extract: OsmExtract) {
  const result = buildRoadGraphFromExtract(extract);
  expect(checkRoadGraph(result.graph)).toEqual([]);
  return result;
}

/** A + crossing: centre 1; arms north 2, east 3, south 4, west 5, 100 m out; one two-way way per arm. */
const CROSSING_NODES = { 1: [0, 0], 2: [0, 100], 3: [100, 0], 4: [0, -100], 5: [-100, 0] } as const;
const CROSSING_WAYS: [number, number[], OsmTags][] = [
  [10, [5, 1], { ...street, name: "West Street" }],
  [11, [1, 3], { ...street, name: "East Street" }],
  [12, [2, 1], { ...street, name: "North Street" }],
  [13, [1, 4], { ...street, name: "South Street" }],
];
const crossing = (...relations: OsmRelation[]) => extractOf(CROSSING_NODES, CROSSING_WAYS, relations);
/** The distinct exit sets after driving from → via (a split `from` node repeats the same set). */
const exits = (graph: ReturnType<typeof build>["graph"], from: number, via: number) => {
  const sets = exitsAfter(graph, from, via).map((set) => JSON.stringify([...set].sort()));
  return [...new Set(sets)].map((set) => JSON.parse(set) as number[]);
};

describe(buildRoadGraph.name, () => {
  it("makes one edge per direction per segment of a two-way street and keeps the OSM ids", () => {
    const { graph, stats } = build(
      extractOf({ 1: [0, 0], 2: [100, 0], 3: [200, 0] }, [[7, [1, 2, 3], street]]),
    );
    expect([...osmEdgePairs(graph)].sort()).toEqual(["1>2", "2>1", "2>3", "3>2"]);
    expect([...graph.nodeOsmId].sort()).toEqual([1, 2, 3]);
    expect(stats).toMatchObject({ nodeCount: 3, edgeCount: 4, wayCount: 1, splitNodeCount: 0 });
    for (let e = 0; e < graph.edgeCount; e++) {
      expect(graph.edgeDistanceM[e]).toBeCloseTo(100, 0);
      // 100 m at 24 km/h (30 km/h limit x 0.8) = 15 s.
      expect(graph.edgeDurationMs[e]).toBeCloseTo(15_000, -2);
    }
    expect([...graph.wayOsmId]).toEqual([7]);
    expect(graph.wayClass[0]).toBe(ROAD_CLASSES.indexOf("residential"));
  });

  it("drives oneway=yes only in way order and oneway=-1 only against it", () => {
    const { graph } = build(
      extractOf({ 1: [0, 0], 2: [100, 0], 3: [0, 100], 4: [100, 100] }, [
        [7, [1, 2], { ...street, oneway: "yes" }],
        [8, [3, 4], { ...street, oneway: "-1" }],
      ]),
    );
    expect([...osmEdgePairs(graph)].sort()).toEqual(["1>2", "4>3"]);
    expect([...graph.wayFlags]).toEqual([WAY_ONEWAY, WAY_ONEWAY]);
  });

  it("flags roundabouts as one-way roundabouts and drives them in way order", () => {
    const ring = extractOf({ 1: [0, 0], 2: [20, 20], 3: [0, 40], 4: [-20, 20] }, [
      [7, [1, 2, 3, 4, 1], { highway: "tertiary", junction: "roundabout" }],
    ]);
    const { graph } = build(ring);
    expect([...osmEdgePairs(graph)].sort()).toEqual(["1>2", "2>3", "3>4", "4>1"]);
    expect(graph.wayFlags[0]).toBe(WAY_ROUNDABOUT | WAY_ONEWAY);
  });

  it("drops repeated refs and cuts a way where a ref has no coordinates", () => {
    const { graph, stats } = build(
      extractOf({ 1: [0, 0], 2: [100, 0], 3: [200, 0] }, [[7, [1, 1, 2, 99, 3], street]]),
    );
    expect([...osmEdgePairs(graph)].sort()).toEqual(["1>2", "2>1"]);
    expect(stats.missingNodeRefs).toBe(1);
    expect(graph.nodeCount).toBe(2);
  });

  it("gives an edge between two nodes at the same place 1 ms", () => {
    const { graph } = build(extractOf({ 1: [0, 0], 2: [0, 0] }, [[7, [1, 2], street]]));
    expect([...graph.edgeDurationMs]).toEqual([1, 1]);
    expect([...graph.edgeDistanceM]).toEqual([0, 0]);
  });

  it("leaves a crossing without restrictions unsplit: every arrival may take every exit", () => {
    const { graph } = build(crossing());
    expect(graph.nodeCount).toBe(5);
    for (const from of [2, 3, 4, 5]) expect(exits(graph, from, 1)).toEqual([[2, 3, 4, 5]]);
  });

  it("honours no_left_turn by splitting the via node: from the east, south is not an exit", () => {
    const { graph, stats } = build(crossing(restriction(1, "no_left_turn", 11, 1, 13)));
    expect(exits(graph, 3, 1)).toEqual([[2, 3, 5]]);
    for (const from of [2, 4, 5]) expect(exits(graph, from, 1)).toEqual([[2, 3, 4, 5]]);
    expect(stats).toMatchObject({ nodeCount: 6, splitNodeCount: 1, restrictionsApplied: 1 });
    const copies = [...graph.nodeOsmId.keys()].filter((v) => graph.nodeOsmId[v] === 1);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((v) => `${graph.nodeLng[v]},${graph.nodeLat[v]}`)).size).toBe(1);
  });

  it("honours only_straight_on: from the west, east is the only exit", () => {
    const { graph } = build(crossing(restriction(1, "only_straight_on", 10, 1, 11)));
    expect(exits(graph, 5, 1)).toEqual([[3]]);
    expect(exits(graph, 2, 1)).toEqual([[2, 3, 4, 5]]);
  });

  it("combines several restrictions at one via node", () => {
    const { graph, stats } = build(
      crossing(restriction(1, "no_left_turn", 11, 1, 13), restriction(2, "no_right_turn", 11, 1, 12)),
    );
    expect(exits(graph, 3, 1)).toEqual([[3, 5]]);
    expect(stats.restrictionsApplied).toBe(2);
  });

  it("gives arrivals with the same allowed exits one shared copy", () => {
    const { graph, stats } = build(
      crossing(restriction(1, "no_straight_on", 11, 1, 10), restriction(2, "no_right_turn", 12, 1, 10)),
    );
    expect(exits(graph, 3, 1)).toEqual([[2, 3, 4]]);
    expect(exits(graph, 2, 1)).toEqual([[2, 3, 4]]);
    expect(stats.splitNodeCount).toBe(1);
  });

  it("honours no_u_turn on a way ending at the via node", () => {
    const { graph } = build(crossing(restriction(1, "no_u_turn", 10, 1, 10)));
    expect(exits(graph, 5, 1)).toEqual([[2, 3, 4]]);
  });

  it("honours no_u_turn through the middle of a way: only the turn back is forbidden, both ways", () => {
    const through = extractOf(
      CROSSING_NODES,
      [
        [10, [5, 1, 3], { ...street, name: "Main Street" }],
        [12, [2, 1, 4], { ...street, name: "Cross Street" }],
      ],
      [restriction(1, "no_u_turn", 10, 1, 10)],
    );
    const { graph } = build(through);
    expect(exits(graph, 5, 1)).toEqual([[2, 3, 4]]);
    expect(exits(graph, 3, 1)).toEqual([[2, 4, 5]]);
    expect(exits(graph, 2, 1)).toEqual([[2, 3, 4, 5]]);
  });

  it("keeps restrictions at two neighbouring via nodes apart", () => {
    // 5 - 1 - 6 - 7 along x, with side streets 2 (north of 1) and 8 (north of 6).
    const nodes = { 5: [-100, 0], 1: [0, 0], 6: [100, 0], 7: [200, 0], 2: [0, 100], 8: [100, 100] } as const;
    const ways: [number, number[], OsmTags][] = [
      [20, [5, 1], street],
      [21, [1, 6], street],
      [22, [6, 7], street],
      [23, [2, 1], street],
      [24, [6, 8], street],
    ];
    const relations = [
      restriction(1, "only_straight_on", 20, 1, 21),
      restriction(2, "no_left_turn", 21, 6, 24),
    ];
    const { graph } = build(extractOf(nodes, ways, relations));
    expect(exits(graph, 5, 1)).toEqual([[6]]);
    expect(exits(graph, 1, 6)).toEqual([[1, 7]]);
    expect(exits(graph, 7, 6)).toEqual([[1, 7, 8]]);
    expect(exits(graph, 2, 1)).toEqual([[2, 5, 6]]);
  });

  it("counts a restriction as applied when its from way cannot reach the via node (one-way away)", () => {
    const oneWayOut = extractOf(
      CROSSING_NODES,
      [
        [10, [1, 5], { ...street, oneway: "yes" }],
        [11, [1, 3], street],
      ],
      [restriction(1, "no_straight_on", 10, 1, 11)],
    );
    const { graph, stats } = build(oneWayOut);
    expect(stats.restrictionsApplied).toBe(1);
    expect(exits(graph, 3, 1)).toEqual([[3, 5]]);
  });

  it("skips restrictions whose ways are not drivable or do not meet at the via node", () => {
    const extract = extractOf(
      { ...CROSSING_NODES, 6: [200, 0] },
      [...CROSSING_WAYS, [14, [3, 6], { highway: "footway" }]],
      [
        restriction(1, "no_left_turn", 14, 3, 11),
        restriction(2, "no_left_turn", 10, 2, 12),
        restriction(3, "only_left_turn", 11, 1, 99),
      ],
    );
    const { graph, stats } = build(extract);
    expect(stats.restrictionsSkipped).toEqual({ member_not_drivable: 2, via_not_on_way: 1 });
    expect(stats.restrictionsApplied).toBe(0);
    expect(graph.nodeCount).toBe(5);
  });

  it("numbers nodes along a Hilbert curve: neighbours in space get close numbers", () => {
    // A 30 x 30 grid of two-way streets 50 m apart, ids in row order (far from spatial order).
    const nodes: Record<number, [number, number]> = {};
    const ways: [number, number[], OsmTags][] = [];
    const id = (x: number, y: number) => 1 + y * 30 + x;
    for (let y = 0; y < 30; y++) for (let x = 0; x < 30; x++) nodes[id(x, y)] = [x * 50, y * 50];
    for (let k = 0; k < 30; k++) {
      ways.push([1000 + k, Array.from({ length: 30 }, (_, x) => id(x, k)), street]);
      ways.push([2000 + k, Array.from({ length: 30 }, (_, y) => id(k, y)), street]);
    }
    const { graph } = build(extractOf(nodes, ways));
    const gaps: number[] = [];
    for (let v = 0; v < graph.nodeCount; v++) {
      for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++)
        gaps.push(Math.abs(graph.edgeTarget[e]! - v));
    }
    gaps.sort((a, b) => a - b);
    // Row order puts half the neighbours 30 apart (median gap 30); along the Hilbert curve the
    // median neighbour is next door and two thirds are within 4.
    expect(gaps[gaps.length >> 1]).toBeLessThanOrEqual(2);
    expect(gaps.filter((gap) => gap <= 4).length / gaps.length).toBeGreaterThan(0.6);
  });

  it("builds an empty graph from an empty extract", () => {
    const { graph } = build(extractOf({}, []));
    expect(graph.nodeCount).toBe(0);
    expect([...graph.firstEdge]).toEqual([0]);
  });
});

/** The input fixture format: an extract with nodes as objects. */
interface ExtractFixture {
  readonly nodes: { id: number; lng: number; lat: number }[];
  readonly ways: OsmExtract["ways"];
  readonly relations: OsmRelation[];
}

function readExtractFixture(name: string): OsmExtract {
  const fixture = readFixture<ExtractFixture>(name);
  const table = new OsmNodeTableBuilder();
  for (const node of fixture.nodes) table.add(node.id, node.lng, node.lat);
  return { nodes: table.finish(), ways: fixture.ways, relations: fixture.relations };
}

describe("a restricted crossing (golden file)", () => {
  const { graph, stats } = build(readExtractFixture("restricted-crossing.json"));

  it("splits both via nodes and takes away exactly the forbidden exits", () => {
    expect(stats).toMatchObject({ nodeCount: 10, splitNodeCount: 2, restrictionsApplied: 2 });
    expect(exits(graph, 3, 1)).toEqual([[3, 5]]);
    expect(exits(graph, 5, 1)).toEqual([[3, 4, 5]]);
    expect(exits(graph, 2, 1)).toEqual([[3, 4, 5]]);
    expect(exits(graph, 3, 6)).toEqual([[8]]);
    expect(exits(graph, 7, 6)).toEqual([[3, 7, 8]]);
  });

  it("matches __fixtures__/out/restricted-crossing.geojson (REGEN=1 rewrites it; open it on geojson.io)", () => {
    expectGoldenGeoJson("restricted-crossing.geojson", roadGraphEdgesToGeoJson(graph, 3));
  });
});
