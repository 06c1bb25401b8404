import { describe, expect, it } from "vitest";
import { dayFeatures, dayHistory } from "../../state/replay-day.fixture";
import { replayFeatures } from "./replay-features";

describe(replayFeatures.name, () => {
  it("draws trips as lines and stays, stops and alerts as points coloured by what happened", () => {
    const features = replayFeatures(dayHistory()).features;
    expect(features.map((feature) => [feature.geometry.type, feature.properties.kind])).toEqual([
      ["LineString", "trip"],
      ["Point", "stay"],
      ["Point", "stop"],
      ["Point", "alert"],
    ]);
    const colours = features.flatMap((feature) =>
      "colour" in feature.properties ? [feature.properties.colour] : [],
    );
    expect(new Set(colours).size).toBe(3);
    expect(colours[1]).toBe("#16a34a"); // the delivered stop
  });

  it("draws the stretches no road was matched to apart, over the trip", () => {
    const [trip, ...rest] = dayFeatures();
    const partly = {
      ...trip,
      properties: { ...trip.properties, matched: false, rawStretches: [[1, 2]] as const },
    };
    const lines = replayFeatures(dayHistory([partly, ...rest])).features.filter(
      (feature) => feature.geometry.type === "LineString",
    );
    expect(lines.map((line) => [line.properties.kind, line.geometry.coordinates])).toEqual([
      ["trip", trip.geometry.coordinates],
      ["raw", trip.geometry.coordinates.slice(1, 3)],
    ]);
  });

  it("is empty for a day without data", () => {
    expect(replayFeatures(dayHistory([])).features).toEqual([]);
  });
});
