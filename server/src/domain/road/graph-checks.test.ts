import { describe, expect, it } from "vitest";
import { checkRoadGraph } from "./graph-checks";
import type { RoadGraph } from "./road-graph";
import { buildRoadGraphFromExtract } from "./road-import";
import { generateSyntheticTown } from "./synthetic-town";

const valid = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 1 })).graph;

/** A copy of the valid graph with one field changed. */
const broken = (change: Partial<{ -readonly [K in keyof RoadGraph]: RoadGraph[K] }>): RoadGraph => ({
  ...valid,
  ...change,
});

describe(checkRoadGraph.name, () => {
  it("finds nothing wrong with a built graph", () => {
    expect(checkRoadGraph(valid)).toEqual([]);
  });

  it("reports an array of the wrong length and stops there", () => {
    expect(checkRoadGraph(broken({ edgeWay: valid.edgeWay.subarray(1) }))).toEqual([
      `edgeWay has length ${valid.edgeCount - 1}, expected ${valid.edgeCount}`,
    ]);
  });

  it("reports CSR offsets that do not start at 0, decrease, or miss the edge count", () => {
    const firstEdge = valid.firstEdge.slice();
    firstEdge[0] = 1;
    firstEdge[5] = firstEdge[4]! - 1;
    firstEdge[valid.nodeCount] = valid.edgeCount + 1;
    const problems = checkRoadGraph(broken({ firstEdge }));
    expect(problems).toContain("firstEdge[0] is 1, expected 0");
    expect(problems).toContain("firstEdge decreases at node 4");
    expect(problems).toContain(
      `firstEdge[${valid.nodeCount}] is ${valid.edgeCount + 1}, expected edgeCount ${valid.edgeCount}`,
    );
  });

  it("reports targets out of range, zero durations, bad distances, unknown ways and classes", () => {
    const edgeTarget = valid.edgeTarget.slice();
    edgeTarget[3] = valid.nodeCount;
    const edgeDurationMs = valid.edgeDurationMs.slice();
    edgeDurationMs[4] = 0;
    const edgeDistanceM = valid.edgeDistanceM.slice();
    edgeDistanceM[5] = Number.NaN;
    const edgeWay = valid.edgeWay.slice();
    edgeWay[6] = valid.wayOsmId.length;
    const wayClass = valid.wayClass.slice();
    wayClass[0] = 200;
    const problems = checkRoadGraph(broken({ edgeTarget, edgeDurationMs, edgeDistanceM, edgeWay, wayClass }));
    expect(problems).toEqual([
      `edge 3 targets node ${valid.nodeCount}`,
      "edge 4 has duration 0 ms",
      "edge 5 has distance NaN m",
      `edge 6 belongs to way ${valid.wayOsmId.length} of ${valid.wayOsmId.length}`,
      "way 0 has road class 200",
    ]);
  });

  it("reports invalid coordinates", () => {
    const nodeLat = valid.nodeLat.slice();
    nodeLat[2] = 91;
    expect(checkRoadGraph(broken({ nodeLat }))).toEqual([
      `node 2 has invalid coordinates ${valid.nodeLng[2]},91`,
    ]);
  });

  it("lists at most 20 problems", () => {
    expect(checkRoadGraph(broken({ edgeDurationMs: new Uint32Array(valid.edgeCount) }))).toHaveLength(20);
  });
});
