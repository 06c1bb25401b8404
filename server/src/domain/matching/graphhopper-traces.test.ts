import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { readGpxFile } from "../../adapters/gpx/gpx-reader";
import { loadGraphSource } from "../../adapters/routing/graph-source";
import { distanceM, projectOnSegment } from "../road/route-geo";
import { matchedTrackFeature, matchTrack } from "./matched-track";
import { MatchingNetwork } from "./matching-network";

/**
 * GraphHopper's real map-matching regression traces with the pass criteria of
 * ../shared/data/mapmatching/graphhopper/CASES.md. Graphs load through the graph cache (imported
 * once into a temporary folder, then read back in milliseconds).
 */
const DATA = fileURLToPath(new URL("../../../../../shared/data/", import.meta.url));
const TRACES = join(DATA, "mapmatching/graphhopper");
const GRAPH_CACHE = join(tmpdir(), "waybill-matching-test-graphs");
const skip = existsSync(join(TRACES, "CASES.md"))
  ? null
  : `${TRACES} is missing (../shared is not checked out)`;

async function match(trace: string, osmFile: string) {
  const { graph } = await loadGraphSource({ kind: "osm", osmFile, graphDir: GRAPH_CACHE });
  const network = new MatchingNetwork(graph);
  const fixes = await readGpxFile(join(TRACES, trace));
  const track = matchTrack(network, fixes);
  return { graph, fixes, track, feature: matchedTrackFeature(network, track) };
}

/** Distance from a point to a polyline, metres. */
const distanceToLineM = (p: LngLat, line: readonly LngLat[]) =>
  Math.min(...line.slice(1).map((b, k) => projectOnSegment(p, line[k]!, b).distanceM));

const lineLengthM = (points: readonly LngLat[]) =>
  points.slice(1).reduce((sum, p, k) => sum + distanceM(points[k]![0], points[k]![1], p[0], p[1]), 0);

describe.skipIf(skip !== null)(
  `GraphHopper's map-matching traces${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    // CASES.md also asks for 90 % of the length on the primary CG-3, but in this 2013 extract the
    // trace leaves CG-3 after about 150 m: its last 13 points lie 0-3 m from a highway=secondary
    // way and more than 25 m from any primary road. What GraphHopper's test guards against (issue
    // #3023) is detours into side roads and back-tracking; that is what this checks.
    it("A, Andorra: follows the trace without detours, no longer than 1.5 times the trace", async () => {
      const { graph, fixes, track } = await match(
        "andorra_for_map_matching.gpx",
        join(DATA, "osm/andorra.osm.pbf"),
      );
      const trace: LngLat[] = fixes.map((f) => [f.lng, f.lat]);
      const matchedM = lineLengthM(track.coordinates);
      expect(matchedM).toBeGreaterThan(0);
      expect(matchedM).toBeLessThanOrEqual(1.5 * lineLengthM(trace));
      const network = new MatchingNetwork(graph);
      expect(track.edges.some((e, k) => track.edges.slice(k + 1).includes(network.reverseEdge[e]!))).toBe(
        false,
      );
      // Every road segment driven lies along the trace (a drawn trace cuts corners: 25 m).
      for (const e of track.edges)
        expect(
          distanceToLineM(network.pointAt(e, graph.edgeDistanceM[e]! / 2), trace),
          `edge ${e}`,
        ).toBeLessThan(25);
    });

    it("B, Istanbul issue 13: one connected path as long as the trace (within 3 %), despite equal timestamps", async () => {
      const { fixes, track } = await match("issue-13.gpx", join(TRACES, "map-issue13.osm.gz"));
      const traceM = lineLengthM(fixes.map((f) => [f.lng, f.lat]));
      expect(track.breaks).toBe(0);
      expect(track.fixes.every((m) => m.point !== null)).toBe(true);
      expect(Math.abs(lineLengthM(track.coordinates) - traceM) / traceM).toBeLessThanOrEqual(0.03);
    });

    it("C, Novi Sad issue 70: drives exactly the three streets in order at 60 s sampling", async () => {
      const { graph, track } = await match("issue-70.gpx", join(TRACES, "issue-70.osm.gz"));
      const names = track.edges.map((e) => graph.wayName[graph.edgeWay[e]!]!).filter((name) => name !== "");
      expect(names.filter((name, k) => name !== names[k - 1])).toEqual([
        "Милана Видака",
        "Бранка Радичевића",
        "Здравка Челара",
      ]);
      expect(track.breaks).toBe(0);
    });

    it("D, issue 127: two identical points without time give a valid zero-length match", async () => {
      const { feature } = await match("issue-127.gpx", join(TRACES, "map-issue13.osm.gz"));
      expect(feature.geometry.type).toBe("LineString");
      expect(lineLengthM(feature.geometry.coordinates)).toBe(0);
      expect(feature.properties.points).toHaveLength(2);
    });
  },
);
