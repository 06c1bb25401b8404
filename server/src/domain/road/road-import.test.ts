import { describe, expect, it } from "vitest";
import { exitsAfter } from "./graph-inspection";
import { OsmNodeTableBuilder, type OsmRelation } from "./osm-extract";
import { buildRoadGraphFromExtract } from "./road-import";

const nodes = new OsmNodeTableBuilder();
nodes.add(1, 7.42, 43.73);
nodes.add(2, 7.421, 43.73);
nodes.add(3, 7.422, 43.73);
const table = nodes.finish();

const relation = (
  id: number,
  tags: Record<string, string>,
  viaType: "node" | "way" = "node",
): OsmRelation => ({
  id,
  tags,
  members: [
    { type: "way", ref: 10, role: "from" },
    { type: viaType, ref: 2, role: "via" },
    { type: "way", ref: 11, role: "to" },
  ],
});

describe(buildRoadGraphFromExtract.name, () => {
  it("applies the car profile, counts what it drops, and reports why restrictions were skipped", () => {
    const { graph, stats } = buildRoadGraphFromExtract({
      nodes: table,
      ways: [
        { id: 10, nodeRefs: [1, 2], tags: { highway: "residential" } },
        { id: 11, nodeRefs: [2, 3], tags: { highway: "residential" } },
        { id: 12, nodeRefs: [1, 3], tags: { highway: "footway" } },
      ],
      relations: [
        relation(100, { type: "restriction", restriction: "no_u_turn" }),
        relation(101, { type: "restriction", restriction: "no_left_turn" }, "way"),
        relation(102, { type: "restriction", restriction: "no_left_turn", except: "motorcar" }),
        relation(103, { type: "restriction", "restriction:hgv": "no_left_turn" }),
        relation(104, { type: "multipolygon" }),
      ],
    });
    expect(stats.ignoredWays).toBe(1);
    expect(stats.wayCount).toBe(2);
    expect(stats.restrictionsNotParsed).toEqual({ via_way: 1, excepted_for_cars: 1, not_for_cars: 1 });
    // no_u_turn from way 10 to way 11 is not a u-turn on the same way: it forbids 10 → 11 at node 2.
    expect(stats.restrictionsApplied).toBe(1);
    expect(exitsAfter(graph, 1, 2)).toEqual([new Set([1])]);
    expect(exitsAfter(graph, 3, 2)).toEqual([new Set([1, 3])]);
  });
});
