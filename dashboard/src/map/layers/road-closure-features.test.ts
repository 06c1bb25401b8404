import { describe, expect, it } from "vitest";
import type { RoadClosureDto } from "../../api/types";
import { CLOSURE_COLOURS, roadClosureFeatures } from "./road-closure-features";

const closure = (id: string, kind: "closed" | "slowed", active: boolean): RoadClosureDto => ({
  id,
  reason: "works",
  geometry: {
    type: "LineString",
    coordinates: [
      [7.42, 43.73],
      [7.43, 43.73],
    ],
  },
  kind,
  speedFactor: kind === "slowed" ? 0.5 : null,
  startsAt: "2026-03-02T08:00:00Z",
  endsAt: null,
  active,
  edgesClosed: 4,
  organisationId: "org_1",
});

describe(roadClosureFeatures.name, () => {
  it("draws saved closures coloured by effect, marking scheduled ones inactive", () => {
    const { features } = roadClosureFeatures([closure("a", "closed", true), closure("b", "slowed", false)], {
      points: [],
      road: null,
    });
    expect(features.map((f) => f.properties)).toEqual([
      { role: "closure", id: "a", colour: CLOSURE_COLOURS.closed, active: true },
      { role: "closure", id: "b", colour: CLOSURE_COLOURS.slowed, active: false },
    ]);
  });

  it("draws the sketch: road route, straight line and clicked points, but no line through one point", () => {
    const points: [number, number][] = [
      [7.42, 43.73],
      [7.43, 43.74],
    ];
    const road: [number, number][] = [points[0]!, [7.43, 43.73], points[1]!];
    const roles = (sketch: Parameters<typeof roadClosureFeatures>[1]) =>
      roadClosureFeatures([], sketch).features.map((f) => f.properties.role);
    expect(roles({ points, road })).toEqual(["draft-road", "draft-line", "draft-point", "draft-point"]);
    expect(roles({ points: points.slice(0, 1), road: null })).toEqual(["draft-point"]);
  });
});
