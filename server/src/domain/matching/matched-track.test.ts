import { describe, expect, it } from "vitest";
import { driveAlong, edgesThrough, offsetFix } from "./__fixtures__/drive";
import { straightRoad } from "./__fixtures__/roads";
import { joinMatchedFixes, matchedTrackFeature, matchTrack, osmNodeIdsOf } from "./matched-track";
import { MatchingNetwork } from "./matching-network";

const graph = straightRoad();
const network = new MatchingNetwork(graph);
const east = edgesThrough(graph, [0, 1, 2, 3, 4, 5]);
const node = (v: number) => [graph.nodeLng[v]!, graph.nodeLat[v]!] as const;

describe(matchTrack.name, () => {
  it("joins the fixes' paths into one line through every matched point and every node passed", () => {
    // From 50 m to 450 m along Main Street, fixes 10 m north of it.
    const fixes = driveAlong(graph, east, { speedMps: 10, intervalS: 10 })
      .slice(0, 5)
      .map((f) => offsetFix(f, 50, 10));
    const track = matchTrack(network, fixes);
    expect(track.edges).toEqual(east.slice(0, 5));
    // Matched point, node, matched point, ...: each fix's point lies on the line.
    expect(track.coordinates.length).toBe(9);
    expect(track.coordinates.filter((_, k) => k % 2 === 1)).toEqual([1, 2, 3, 4].map(node));
    track.coordinates
      .filter((_, k) => k % 2 === 0)
      .forEach(([lng, lat], k) => {
        expect(lng).toBeCloseTo(fixes[k]!.lng, 7);
        expect(lat).toBeCloseTo(graph.nodeLat[0]!, 7);
      });
    expect(osmNodeIdsOf(network, track.edges)).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
  });

  it("gives each fix its point, or null for a fix no road is near", () => {
    const fixes = driveAlong(graph, east, { speedMps: 10, intervalS: 10 });
    fixes[2] = offsetFix(fixes[2]!, 0, 400);
    const feature = matchedTrackFeature(network, matchTrack(network, fixes));
    expect(feature.properties.points.map((p) => p === null)).toEqual(fixes.map((_, k) => k === 2));
    expect(feature.properties.points[1]).toEqual([
      Math.round(fixes[1]!.lng * 1e6) / 1e6,
      Math.round(graph.nodeLat[0]! * 1e6) / 1e6,
    ]);
    expect(feature.properties.osmNodeIds).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
  });

  it("makes a valid LineString of a single point and an empty one of no match", () => {
    const [first] = driveAlong(graph, east, { speedMps: 10, intervalS: 10 });
    const one = matchedTrackFeature(network, matchTrack(network, [first!, first!]));
    expect(one.geometry.coordinates).toHaveLength(2);
    expect(one.geometry.coordinates[0]).toEqual(one.geometry.coordinates[1]);
    const none = matchTrack(network, [offsetFix(first!, 0, 500)]);
    expect(none).toMatchObject({ edges: [], coordinates: [], breaks: 0 });
  });
});

describe(joinMatchedFixes.name, () => {
  it("counts a break where a fix's path is missing after an earlier point", () => {
    const [a, b] = matchTrack(network, driveAlong(graph, east, { speedMps: 10, intervalS: 25 })).fixes;
    const track = joinMatchedFixes(network, [a!, { ...b!, path: null }]);
    expect(track.breaks).toBe(1);
    expect(track.coordinates).toEqual([a!.point!.lngLat, b!.point!.lngLat]);
  });
});
