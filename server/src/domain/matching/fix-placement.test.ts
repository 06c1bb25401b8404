import { describe, expect, it } from "vitest";
import { edgesThrough, offsetFix } from "./__fixtures__/drive";
import { at, straightRoad } from "./__fixtures__/roads";
import { extendTrail, type PendingFix, placeOnTrail } from "./fix-placement";
import { DEFAULT_MATCH_OPTIONS } from "./match-options";
import { MatchingNetwork } from "./matching-network";

const graph = straightRoad();
const network = new MatchingNetwork(graph);
const east = edgesThrough(graph, [0, 1, 2, 3, 4]);
const waiting = (eastM: number, northM = 0): PendingFix => ({
  fix: offsetFix(at(eastM, 0), 0, northM),
  result: null,
});

describe(placeOnTrail.name, () => {
  it("places fixes in order, each with the part of the trail driven since the one before", () => {
    const fixes = [waiting(50, 4), waiting(150, -4), waiting(170)];
    const rest = placeOnTrail(network, { edges: east, fromOffsetM: 20 }, 60, fixes, DEFAULT_MATCH_OPTIONS);
    expect(fixes.map((f) => f.result?.path)).toEqual([[east[0]], [east[0], east[1]], [east[1]]]);
    expect(fixes[0]!.result!.point!.offsetM).toBeCloseTo(50, 0);
    expect(fixes[0]!.result!.point!.distanceM).toBeCloseTo(4, 1);
    expect(rest.edges).toEqual(east.slice(1));
    expect(rest.fromOffsetM).toBeCloseTo(70, 0);
  });

  it("leaves a fix farther than its candidate radius unmatched and the trail where it was", () => {
    const fixes = [waiting(50), waiting(120, 200), waiting(130)];
    placeOnTrail(network, { edges: east, fromOffsetM: 0 }, 100, fixes, DEFAULT_MATCH_OPTIONS);
    expect(fixes[1]!.result).toEqual({ point: null, path: null });
    expect(fixes[2]!.result!.path).toEqual([east[0], east[1]]);
  });
});

describe(extendTrail.name, () => {
  it("joins a path that starts on the trail's last edge, and keeps the trail for no movement", () => {
    const trail = { edges: east.slice(0, 2), fromOffsetM: 30 };
    expect(extendTrail(trail, east.slice(1, 4))).toEqual({ edges: east.slice(0, 4), fromOffsetM: 30 });
    expect(extendTrail(trail, [])).toBe(trail);
  });
});
