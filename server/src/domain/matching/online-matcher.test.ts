import { describe, expect, it } from "vitest";
import type { RoadGraph } from "../road/road-graph";
import { distanceM } from "../road/route-geo";
import { delayFixes, driveAlong, edgeFrom, edgesThrough, offsetFix, pointAlong } from "./__fixtures__/drive";
import {
  deadEndStreet,
  oneWayBesideTwoWay,
  parallelRoads,
  straightRoad,
  twoIslands,
} from "./__fixtures__/roads";
import type { GpsFix, MatchedFix } from "./match-types";
import { matchTrack } from "./matched-track";
import { MatchingNetwork } from "./matching-network";
import { OnlineMatcher } from "./online-matcher";

const streetsOf = (graph: RoadGraph, edges: readonly number[]) => [
  ...new Set(edges.map((e) => graph.wayName[graph.edgeWay[e]!])),
];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** True when some edge is followed, anywhere later, by its opposite direction. */
function hasUTurn(network: MatchingNetwork, edges: readonly number[]): boolean {
  return edges.some((e, k) => edges.slice(k + 1).includes(network.reverseEdge[e]!));
}

describe(OnlineMatcher.name, () => {
  it("matches a straight drive to the road, every fix, with the whole road as path", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const east = edgesThrough(graph, range(0, 10));
    const track = matchTrack(network, driveAlong(graph, east, { speedMps: 12, intervalS: 1, noiseM: 5 }));
    expect(track.fixes.every((m) => m.point && m.point.distanceM < 20)).toBe(true);
    expect(track.edges).toEqual(east);
    expect(track.breaks).toBe(0);
  });

  it("gives every fix of a dense drive its own place on the road, in driving order", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const east = edgesThrough(graph, range(0, 10));
    const fixes = driveAlong(graph, east, { speedMps: 12, intervalS: 1 });
    const track = matchTrack(network, fixes);
    for (const m of track.fixes) expect(m.point!.distanceM).toBeLessThan(0.5);
    const along = track.fixes.map((m) => east.indexOf(m.point!.edge) * 1_000 + m.point!.offsetM);
    expect(along.every((a, k) => k === 0 || a > along[k - 1]!)).toBe(true);
    expect(track.fixes.slice(1).every((m) => m.path!.length > 0)).toBe(true);
  });

  it("stays on the street driven when a parallel one is 40 m away", () => {
    const graph = parallelRoads();
    const network = new MatchingNetwork(graph);
    for (const [intervalS, seed] of [
      [1, 1],
      [5, 2],
      [15, 3],
    ] as const) {
      const fixes = driveAlong(graph, edgesThrough(graph, range(0, 10)), {
        speedMps: 12,
        intervalS,
        noiseM: 8,
        seed,
      });
      expect(streetsOf(graph, matchTrack(network, fixes).edges), `every ${intervalS} s`).toEqual([
        "South Street",
      ]);
    }
  });

  it("does not drive a one-way street against its direction, even when it is nearer", () => {
    const graph = oneWayBesideTwoWay();
    const network = new MatchingNetwork(graph);
    // Westbound on Two Way Street away from the links, the fixes drawn 20 m south: 10 m from One Way.
    const west = edgesThrough(graph, range(7, 10).reverse());
    const fixes = driveAlong(graph, west, { speedMps: 10, intervalS: 2 }).map((f) =>
      offsetFix(f, 0, -20, 12),
    );
    const track = matchTrack(network, fixes);
    expect(streetsOf(graph, track.edges)).toEqual(["Two Way Street"]);
    expect(track.edges).toEqual(west);
  });

  it("turns back at a dead end and drives out again", () => {
    const graph = deadEndStreet();
    const network = new MatchingNetwork(graph);
    const driven = edgesThrough(graph, [0, 1, 2, 5, 6, 5, 2, 3, 4]);
    const track = matchTrack(network, driveAlong(graph, driven, { speedMps: 8, intervalS: 3, noiseM: 5 }));
    expect(track.edges).toEqual(driven);
  });

  it("holds a standing vehicle in place through GPS drift: no U-turn, never backwards", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const east = edgesThrough(graph, range(0, 10));
    const drive = driveAlong(graph, east, { speedMps: 10, intervalS: 1 });
    // Stopped 450 m along for 3 minutes, the fixes wandering around with 10 m of noise.
    const [stopLng, stopLat] = pointAlong(graph, east, 450);
    const stop = driveAlong(graph, [edgeFrom(graph, 4, 5)], {
      speedMps: 0.001,
      intervalS: 1,
      noiseM: 10,
      seed: 9,
    })
      .slice(0, 180)
      .map((f, k) => ({ ...offsetFix(f, 50, 0), fixAt: drive[45]!.fixAt! + (k + 1) * 1000 }));
    const fixes = [...drive.slice(0, 46), ...stop, ...delayFixes(drive.slice(46), 180_000)];
    const track = matchTrack(network, fixes);
    expect(track.edges).toEqual(east);
    expect(hasUTurn(network, track.edges)).toBe(false);
    const along = track.fixes.map((m) => (m.point ? m.point.offsetM + 100 * east.indexOf(m.point.edge) : -1));
    expect(along.every((a, k) => k === 0 || a >= along[k - 1]!)).toBe(true);
    const stopped = track.fixes.slice(46, 46 + 180).map((m) => m.point!.lngLat);
    expect(Math.max(...stopped.map((p) => distanceM(p[0], p[1], stopLng, stopLat)))).toBeLessThan(30);
  });

  it("skips an outlier 80 m off without bending the path", () => {
    const graph = parallelRoads();
    const network = new MatchingNetwork(graph);
    const south = edgesThrough(graph, range(0, 10));
    const fixes = driveAlong(graph, south, { speedMps: 10, intervalS: 10, noiseM: 4 });
    fixes[5] = offsetFix(fixes[5]!, 0, 80); // 40 m beyond North Street
    const track = matchTrack(network, fixes);
    expect(track.fixes[5]?.point).toBeNull();
    expect(track.edges).toEqual(south);
  });

  it("reconnects by routing after a tunnel of several minutes without fixes", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const east = edgesThrough(graph, range(0, 10));
    const fixes = driveAlong(graph, east, { speedMps: 2, intervalS: 10, noiseM: 4 });
    const tunnel = [...fixes.slice(0, 10), ...fixes.slice(40)];
    const track = matchTrack(network, tunnel, { maxGapMs: 120_000 });
    expect(track.breaks).toBe(0);
    expect(track.edges).toEqual(east);
  });

  it("breaks the path where no plausible route joins two fixes", () => {
    const graph = twoIslands();
    const network = new MatchingNetwork(graph);
    const west = driveAlong(graph, edgesThrough(graph, range(0, 5)), { speedMps: 10, intervalS: 5 });
    const far = driveAlong(graph, edgesThrough(graph, range(6, 11)), { speedMps: 10, intervalS: 5 });
    const track = matchTrack(network, [...west, ...delayFixes(far, 600_000)]);
    expect(track.breaks).toBe(1);
    expect(streetsOf(graph, track.edges)).toEqual(["West Street", "Far Street"]);
    expect(track.fixes.every((m) => m.point !== null)).toBe(true);
  });

  it("emits each fix once, in push order, when later fixes have moved on or time has passed", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const fixes = driveAlong(graph, edgesThrough(graph, range(0, 10)), { speedMps: 10, intervalS: 5 });
    const matcher = network.createMatcher({ lagSteps: 3, lagMs: 60_000 });
    const emitted: MatchedFix[][] = fixes.map((f) => matcher.push(f));
    expect(emitted.slice(0, 3).flat()).toEqual([]);
    expect(emitted[3]!.map((m) => m.fix)).toEqual([fixes[0]]);
    const all = [...emitted.flat(), ...matcher.finish()];
    expect(all.map((m) => m.fix)).toEqual(fixes);
    expect(all[0]!.path).toBeNull();
    expect(all.slice(1).every((m) => m.path !== null && m.path.length > 0)).toBe(true);
  });

  it("decides a standing vehicle's fixes after lagMs although no later fix moved", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const matcher = network.createMatcher({ lagMs: 10_000 });
    const [lng, lat] = pointAlong(graph, [edgeFrom(graph, 2, 3)], 50);
    const standing: GpsFix[] = Array.from({ length: 20 }, (_, k) => ({ lng, lat, fixAt: k * 1000 }));
    const emitted = standing.flatMap((f) => matcher.push(f));
    expect(emitted.length).toBeGreaterThanOrEqual(10);
    expect(emitted.every((m) => m.point?.edge === emitted[0]!.point?.edge)).toBe(true);
  });

  it("returns null points for fixes far from any road and matches the rest", () => {
    const graph = straightRoad();
    const network = new MatchingNetwork(graph);
    const fixes = driveAlong(graph, edgesThrough(graph, range(0, 10)), { speedMps: 10, intervalS: 10 });
    const lost = fixes.map((f, k) => (k === 0 || k === 4 ? offsetFix(f, 0, 500) : f));
    const track = matchTrack(network, lost);
    expect(track.fixes.map((m) => m.point === null)).toEqual(lost.map((_, k) => k === 0 || k === 4));
    expect(track.breaks).toBe(0);
  });
});
