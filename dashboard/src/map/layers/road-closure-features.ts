import type { RoadClosureDto } from "../../api/types";
import type { LngLatPair } from "../../state/closure-draft";

/** Closed roads red, slowed roads orange; the draft in ink. */
export const CLOSURE_COLOURS = { closed: "#dc2626", slowed: "#ea580c", draft: "#0f172a" } as const;

/** A saved closure, or a part of the one being drawn, as the closures source holds it. */
export type RoadClosureFeature =
  | {
      type: "Feature";
      geometry: { type: "LineString"; coordinates: LngLatPair[] };
      properties: { role: "closure"; id: string; colour: string; active: boolean };
    }
  | {
      type: "Feature";
      geometry: { type: "LineString"; coordinates: LngLatPair[] };
      properties: { role: "draft-line" | "draft-road" };
    }
  | {
      type: "Feature";
      geometry: { type: "Point"; coordinates: LngLatPair };
      properties: { role: "draft-point" };
    };

/** The closures source's data. */
export interface RoadClosureFeatureCollection {
  type: "FeatureCollection";
  features: RoadClosureFeature[];
}

/** The closure being drawn: the points clicked and, when following roads, the road route through them. */
export interface ClosureSketch {
  readonly points: readonly LngLatPair[];
  readonly road: readonly LngLatPair[] | null;
}

/**
 * Saved closures as lines coloured by effect (scheduled ones are marked inactive), then the
 * sketch: the road it follows, the straight line between the clicks and the clicked points.
 *
 * @example
 * source.setData(roadClosureFeatures(await api.listRoadClosures(), { points: [], road: null }));
 */
export function roadClosureFeatures(
  closures: readonly RoadClosureDto[],
  sketch: ClosureSketch,
): RoadClosureFeatureCollection {
  const features: RoadClosureFeature[] = closures.map((closure) => ({
    type: "Feature",
    geometry: { type: "LineString", coordinates: closure.geometry.coordinates.map(copy) },
    properties: {
      role: "closure",
      id: closure.id,
      colour: CLOSURE_COLOURS[closure.kind],
      active: closure.active,
    },
  }));
  if (sketch.road !== null && sketch.road.length >= 2) features.push(line("draft-road", sketch.road));
  if (sketch.points.length >= 2) features.push(line("draft-line", sketch.points));
  for (const point of sketch.points)
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: copy(point) },
      properties: { role: "draft-point" },
    });
  return { type: "FeatureCollection", features };
}

function line(role: "draft-line" | "draft-road", points: readonly LngLatPair[]): RoadClosureFeature {
  return {
    type: "Feature",
    geometry: { type: "LineString", coordinates: points.map(copy) },
    properties: { role },
  };
}

function copy([lng, lat]: readonly [number, number]): LngLatPair {
  return [lng, lat];
}
