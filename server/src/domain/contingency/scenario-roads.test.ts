import { describe, expect, it } from "vitest";
import { gridGraph } from "../road/graph-fixtures";
import { addressPoints, resolveRoad, roadLines } from "./scenario-roads";

// 4 x 5 grid, 100 m apart: ways 500-503 are rows (row 1 one-way, drawn reversed), 504-508 columns;
// column 0 (way 504) is a primary road, the rest residential.
const graph = gridGraph(4, 5);
const nodeAt = (row: number, column: number): [number, number] => [
  graph.nodeLng[row * 5 + column]!,
  graph.nodeLat[row * 5 + column]!,
];

describe(resolveRoad.name, () => {
  it("finds every edge of the ways, by id or by name, both directions of a two-way street", () => {
    expect(resolveRoad(graph, { wayIds: [500] })).toHaveLength(8);
    expect(resolveRoad(graph, { wayIds: [501] })).toHaveLength(4);
    expect(resolveRoad(graph, { name: "Column 2 Avenue" })).toEqual(resolveRoad(graph, { wayIds: [506] }));
  });

  it("names the ways or the name that are not in the graph", () => {
    expect(() => resolveRoad(graph, { wayIds: [500, 9, 10] })).toThrow(
      "road.wayIds: ways 9, 10 are not roads of the graph",
    );
    expect(() => resolveRoad(graph, { name: "Nowhere Street" })).toThrow(
      'road.name: no road of the graph is named "Nowhere Street"',
    );
  });
});

describe(roadLines.name, () => {
  it("draws one line per way through its nodes in order, from one end to the other", () => {
    const [row] = roadLines(graph, { wayIds: [502] });
    expect(row).toEqual([0, 1, 2, 3, 4].map((c) => nodeAt(2, c)));
    const lines = roadLines(graph, { wayIds: [501, 505] });
    expect(lines.map((line) => line.length)).toEqual([5, 4]);
    expect(new Set(lines[0]!.map(String))).toEqual(new Set([0, 1, 2, 3, 4].map((c) => String(nodeAt(1, c)))));
  });
});

describe(addressPoints.name, () => {
  it("keeps street nodes within the radius", () => {
    const center = nodeAt(0, 0);
    const near = addressPoints(graph, center, 150);
    expect(near.map(String).sort()).toEqual(
      [nodeAt(0, 0), nodeAt(0, 1), nodeAt(1, 0), nodeAt(1, 1)].map(String).sort(),
    );
    expect(addressPoints(graph, center, 10_000)).toHaveLength(20);
  });
});
