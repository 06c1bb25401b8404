import type { DayHistoryDto } from "../../api/types";

/** Colour of the replayed trace and marker: apart from the status colours of the live fleet. */
export const REPLAY_COLOUR = "#7c3aed";

/** Point colours by what happened there. */
const EVENT_COLOURS = {
  stay: "#64748b",
  delivered: "#16a34a",
  failed: "#dc2626",
  stop: "#2563eb",
  alert: "#d97706",
} as const;

/**
 * A trip line or an event point of the replayed day, as the replay source holds it. A trip is
 * one line on the roads (`trip`) plus, drawn over it, the stretches that run through raw fixes
 * where the server matched no road (`raw`).
 */
export type ReplayFeature =
  | {
      type: "Feature";
      geometry: { type: "LineString"; coordinates: [number, number][] };
      properties: { kind: "trip" | "raw" };
    }
  | {
      type: "Feature";
      geometry: { type: "Point"; coordinates: [number, number] };
      properties: { kind: "stay" | "stop" | "alert"; colour: string };
    };

/** The replay source's data. */
export interface ReplayFeatureCollection {
  type: "FeatureCollection";
  features: ReplayFeature[];
}

/**
 * The day's trips as lines (their unmatched stretches apart) and its stays, stops and alerts as
 * coloured points (stops by outcome: delivered green, failed red, others blue).
 *
 * @example
 * source.setData(replayFeatures(history));
 */
export function replayFeatures(history: DayHistoryDto): ReplayFeatureCollection {
  const features: ReplayFeature[] = [];
  for (const feature of history.features) {
    const p = feature.properties;
    if (feature.geometry.type === "LineString") {
      if (feature.geometry.coordinates.length < 2) continue;
      const coordinates = feature.geometry.coordinates.map(([lng, lat]): [number, number] => [lng, lat]);
      features.push(lineFeature("trip", coordinates));
      for (const [first, last] of p.kind === "trip" ? p.rawStretches : [])
        features.push(lineFeature("raw", coordinates.slice(first, last + 1)));
      continue;
    }
    if (p.kind === "trip") continue;
    const [lng, lat] = feature.geometry.coordinates;
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: { kind: p.kind, colour: pointColour(feature.properties) },
    });
  }
  return { type: "FeatureCollection", features };
}

function lineFeature(kind: "trip" | "raw", coordinates: [number, number][]): ReplayFeature {
  return { type: "Feature", geometry: { type: "LineString", coordinates }, properties: { kind } };
}

function pointColour(p: DayHistoryDto["features"][number]["properties"]): string {
  if (p.kind === "stop") {
    if (p.status === "delivered" || p.status === "failed") return EVENT_COLOURS[p.status];
    return EVENT_COLOURS.stop;
  }
  return p.kind === "alert" ? EVENT_COLOURS.alert : EVENT_COLOURS.stay;
}
