import { describe, expect, it } from "vitest";
import { buildContractionHierarchy } from "./ch-preprocess";
import { deserializeHierarchy, serializeHierarchy } from "./ch-serialize";
import { gridGraph, randomGraph } from "./graph-fixtures";

describe(serializeHierarchy.name, () => {
  const graph = randomGraph({ nodeCount: 800, seed: 4 });
  const ch = buildContractionHierarchy(graph);

  it("round-trips every array", () => {
    const back = deserializeHierarchy(serializeHierarchy(ch, graph), graph);
    for (const key of [
      "rank",
      "nodeAtRank",
      "parent",
      "upFirst",
      "upHead",
      "edgeArc",
      "edgeUpward",
    ] as const) {
      expect(Array.from(back[key]), key).toEqual(Array.from(ch[key]));
    }
    expect([back.nodeCount, back.arcCount]).toEqual([ch.nodeCount, ch.arcCount]);
  });

  it("refuses bytes made for another graph, of another version, or cut short", () => {
    const bytes = serializeHierarchy(ch, graph);
    expect(() => deserializeHierarchy(bytes, gridGraph(4, 4))).toThrow(
      "hierarchy was built for another graph",
    );
    const old = bytes.slice();
    new DataView(old.buffer).setUint32(4, 99, true);
    expect(() => deserializeHierarchy(old, graph)).toThrow(
      "hierarchy format version 99 is not supported (expected 1)",
    );
    expect(() => deserializeHierarchy(bytes.subarray(0, bytes.length - 1), graph)).toThrow("truncated");
    expect(() => deserializeHierarchy(new Uint8Array(40), graph)).toThrow(
      "not a hierarchy (bad magic number)",
    );
  });
});
