import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "../road/dijkstra";
import { buildRoadGraphFromExtract } from "../road/road-import";
import { generateSyntheticTown } from "../road/synthetic-town";
import { driveAlong } from "./__fixtures__/drive";
import { joinMatchedPieces, matchTrackLine, overlappingPieces } from "./matched-track-line";
import { MatchingNetwork } from "./matching-network";

const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 42 }));
const network = new MatchingNetwork(graph);
/** A drive of about 2 km across the town, a fix every 2 s with 8 m of noise. */
const route = new DijkstraSearch(graph).shortestPath(10, graph.nodeCount - 10)!;
const fixes = driveAlong(graph, route.edges, { speedMps: 11, intervalS: 2, noiseM: 8, seed: 3 });

describe(overlappingPieces.name, () => {
  it("cuts into pieces that share their first item with the piece before", () => {
    expect(overlappingPieces([1, 2, 3, 4, 5], 3)).toEqual([
      [1, 2, 3],
      [3, 4, 5],
    ]);
    expect(overlappingPieces([1, 2, 3, 4], 3)).toEqual([
      [1, 2, 3],
      [3, 4],
    ]);
    expect(overlappingPieces([1, 2], 3)).toEqual([[1, 2]]);
  });
});

describe(matchTrackLine.name, () => {
  it("places each fix on the line, every one reached along the roads from the one before", () => {
    const line = matchTrackLine(network, fixes);
    expect(line.fixVertices).toHaveLength(fixes.length);
    line.fixVertices.forEach((vertex, i) => {
      if (vertex !== null) expect(line.coordinates[vertex]).toEqual(line.points[i]);
    });
    expect(line.joined.filter((joined) => !joined)).toHaveLength(1); // the first fix only
    expect(line.breaks).toBe(0);
  });
});

describe(joinMatchedPieces.name, () => {
  it("matches a track piece by piece into one line with no break at the seams", () => {
    const whole = matchTrackLine(network, fixes);
    const pieces = overlappingPieces(fixes, 40).map((piece) => matchTrackLine(network, piece));
    expect(pieces.length).toBeGreaterThan(2);
    const joined = joinMatchedPieces(pieces);
    expect(joined.fixVertices).toHaveLength(fixes.length);
    joined.fixVertices.forEach((vertex, i) => {
      if (vertex !== null) expect(joined.coordinates[vertex]).toEqual(joined.points[i]);
    });
    expect(joined.joined.filter((j) => !j)).toHaveLength(1);
    expect(joined.breaks).toBe(0);
    expect(joined.osmNodeIds).toEqual(whole.osmNodeIds);
  });
});
