import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import type { MatchedTrackLine } from "../matching/matched-track-line";
import { tripLine } from "./trip-line";
import type { TripPoint } from "./trips";

/** Metres east of 7.4 E on 43.7 N, as a longitude (6 decimals, as lines are). */
const east = (m: number) => Math.round((7.4 + m / 80_470) * 1e6) / 1e6;
const road = (m: number): LngLat => [east(m), 43.7];
/** A fix `m` metres east at `s` seconds, 15 m north of the road (the GPS error). */
const fix = (s: number, m: number, speedKmh: number | null = 36): TripPoint => ({
  fixAt: s * 1000,
  lng: east(m),
  lat: 43.700135,
  speedKmh,
});

/** A match of fixes along one straight road: `vertices` per fix, `joined` per fix. */
function match(coordinates: LngLat[], vertices: (number | null)[], joined: boolean[]): MatchedTrackLine {
  return {
    coordinates,
    osmNodeIds: [],
    points: vertices.map((v) => (v === null ? null : coordinates[v]!)),
    fixVertices: vertices,
    joined,
    breaks: joined.slice(1).filter((j, i) => !j && vertices[i + 1] !== null).length,
  };
}

describe(tripLine.name, () => {
  it("follows the road path between matched fixes, timing the nodes between by distance", () => {
    // Fixes at 0 m and 300 m; the road passes nodes at 100 m and 200 m.
    const points = [fix(0, 0), fix(30, 300, 54)];
    const line = tripLine(points, match([road(0), road(100), road(200), road(300)], [0, 3], [false, true]));
    expect(line.coordinates).toEqual([road(0), road(100), road(200), road(300)]);
    expect(line.coordinateAt.map((at) => Math.round(at / 1000))).toEqual([0, 10, 20, 30]);
    expect(line.speedKmh).toEqual([36, 36, 36, 54]);
    expect(line.rawStretches).toEqual([]);
    expect(line.distanceM).toBeCloseTo(300, -1);
  });

  it("runs through the raw fixes where the matcher found no road path, and says where", () => {
    // Matched at 0 m; two fixes off the network; a break; matched again at 400 m and 500 m.
    const points = [fix(0, 0), fix(10, 100), fix(20, 200), fix(40, 400), fix(50, 500)];
    const line = tripLine(
      points,
      match([road(0), road(400), road(500)], [0, null, null, 1, 2], [false, false, false, false, true]),
    );
    expect(line.coordinates).toEqual([
      road(0),
      [east(100), 43.700135],
      [east(200), 43.700135],
      road(400),
      road(500),
    ]);
    expect(line.coordinateAt).toEqual([0, 10_000, 20_000, 40_000, 50_000]);
    expect(line.rawStretches).toEqual([[0, 3]]);
  });

  it("leaves out an outlier the road path bridges", () => {
    const points = [fix(0, 0), { ...fix(10, 100), lat: 43.71 }, fix(20, 200)];
    const line = tripLine(points, match([road(0), road(100), road(200)], [0, null, 2], [false, false, true]));
    expect(line.coordinates).toEqual([road(0), road(100), road(200)]);
    expect(line.rawStretches).toEqual([]);
  });

  it("draws unmatched fixes before the first and after the last matched one as raw stretches", () => {
    const points = [fix(0, 0), fix(10, 100), fix(20, 200), fix(30, 300)];
    const line = tripLine(
      points,
      match([road(100), road(200)], [null, 0, 1, null], [false, false, true, false]),
    );
    expect(line.coordinates).toEqual([[east(0), 43.700135], road(100), road(200), [east(300), 43.700135]]);
    expect(line.rawStretches).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("is all raw when nothing matched", () => {
    const points = [fix(0, 0), fix(10, 100)];
    const line = tripLine(points, match([], [null, null], [false, false]));
    expect(line.coordinates).toHaveLength(2);
    expect(line.rawStretches).toEqual([[0, 1]]);
  });

  it("keeps a place twice where the vehicle stood, so that a replay waits there", () => {
    // At 100 m from 10 s to 40 s (a red light), on at 50 s.
    const points = [fix(0, 0), fix(10, 100), fix(20, 100, 0), fix(40, 100, 0), fix(50, 200)];
    const line = tripLine(
      points,
      match([road(0), road(100), road(200)], [0, 1, 1, 1, 2], [false, true, true, true, true]),
    );
    expect(line.coordinates).toEqual([road(0), road(100), road(100), road(200)]);
    expect(line.coordinateAt).toEqual([0, 10_000, 40_000, 50_000]);
    expect(line.speedKmh).toEqual([36, 36, 0, 36]);
  });
});
