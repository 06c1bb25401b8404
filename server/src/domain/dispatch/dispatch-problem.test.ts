import { describe, expect, it } from "vitest";
import { stopsCutOffByRoad } from "./dispatch-problem";

describe("stopsCutOffByRoad", () => {
  // Two vehicles (points 0-1 and 2-3), three stops (points 4, 5, 6).
  const matrix = (missing: [number, number][]) => (from: number, to: number) =>
    missing.some(([f, t]) => f === from && t === to) ? null : 60;

  it("finds the stops no vehicle can reach or leave for its end", () => {
    expect(stopsCutOffByRoad(2, 3, matrix([]))).toEqual([]);
    // Stop 1 (point 5) cannot be reached from either start; stop 2 (point 6) cannot get to either end.
    const cut = matrix([
      [0, 5],
      [2, 5],
      [6, 1],
      [6, 3],
    ]);
    expect(stopsCutOffByRoad(2, 3, cut)).toEqual([1, 2]);
  });

  it("keeps a stop that one vehicle can serve, though another cannot", () => {
    expect(
      stopsCutOffByRoad(
        2,
        1,
        matrix([
          [0, 4],
          [4, 1],
        ]),
      ),
    ).toEqual([]);
  });
});
