import { describe, expect, it } from "vitest";
import { EdgeList } from "./edge-list";
import { type NodeTurnRule, splitRestrictedNodes } from "./restriction-splitter";

/** Node 0 in the middle; ways 0 (node 1), 1 (node 2), 2 (node 3); every street two-way. */
function star(): EdgeList {
  const edges = new EdgeList();
  for (const [arm, way] of [
    [1, 0],
    [2, 1],
    [3, 2],
  ] as const) {
    edges.add(arm, 0, 1000, 10, way);
    edges.add(0, arm, 1000, 10, way);
  }
  return edges;
}

const rule = (
  kind: "no" | "only",
  from: number,
  to: number,
  turn: NodeTurnRule["turn"] = "left_turn",
): NodeTurnRule => ({
  kind,
  turn,
  fromWays: new Set([from]),
  toWays: new Set([to]),
});

/** `source>target` of every edge, sorted. */
const pairs = (edges: EdgeList) =>
  Array.from({ length: edges.count }, (_, e) => `${edges.source[e]}>${edges.target[e]}`).sort();

describe(splitRestrictedNodes.name, () => {
  it("returns the same edges and nodes without rules", () => {
    const { edges, nodeOrigin, addedNodeCount } = splitRestrictedNodes(star(), 4, new Map());
    expect(pairs(edges)).toEqual(pairs(star()));
    expect([...nodeOrigin]).toEqual([0, 1, 2, 3]);
    expect(addedNodeCount).toBe(0);
  });

  it("adds one copy for the restricted approach and sends it only to the allowed exits", () => {
    const { edges, nodeOrigin, addedNodeCount } = splitRestrictedNodes(
      star(),
      4,
      new Map([[0, [rule("no", 0, 1)]]]),
    );
    expect(addedNodeCount).toBe(1);
    expect([...nodeOrigin]).toEqual([0, 1, 2, 3, 0]);
    // Arriving from 1 (way 0) leads to copy 4, which has no exit to 2 (way 1).
    expect(pairs(edges)).toEqual(["0>1", "0>2", "0>3", "1>4", "2>0", "3>0", "4>1", "4>3"]);
  });

  it("keeps only the exits of an only_* rule and copies edge attributes", () => {
    const { edges } = splitRestrictedNodes(star(), 4, new Map([[0, [rule("only", 0, 2)]]]));
    const fromCopy = Array.from({ length: edges.count }, (_, e) => e).filter((e) => edges.source[e] === 4);
    expect(
      fromCopy.map((e) => [edges.target[e], edges.way[e], edges.durationMs[e], edges.distanceM[e]]),
    ).toEqual([[3, 2, 1000, 10]]);
  });

  it("leaves a restricted node without incoming edges as it is", () => {
    const edges = new EdgeList();
    edges.add(0, 1, 5, 1, 0);
    const split = splitRestrictedNodes(edges, 2, new Map([[0, [rule("no", 0, 0)]]]));
    expect(pairs(split.edges)).toEqual(["0>1"]);
    expect(split.addedNodeCount).toBe(0);
  });
});
