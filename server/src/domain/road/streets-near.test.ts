import type { StreetFeature } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { streetsNear } from "./streets-near";

const street = (name: string, coordinates: number[][]): StreetFeature => ({
  type: "Feature",
  geometry: { type: "LineString", coordinates },
  properties: { name, roadClass: "residential", oneway: false },
});

describe("streetsNear", () => {
  const center = { lat: 43.7394, lng: 7.4276 };
  const network = {
    type: "FeatureCollection" as const,
    features: [
      street("at the door", [
        [7.4276, 43.7394],
        [7.428, 43.7396],
      ]),
      // ~550 m east at this latitude: inside an 800 m square, outside a 500 m one.
      street("a few blocks away", [
        [7.4345, 43.7394],
        [7.435, 43.7394],
      ]),
      // Crosses the square though neither end is in it.
      street("through", [
        [7.41, 43.7394],
        [7.4276, 43.7395],
        [7.45, 43.7394],
      ]),
      street("across town", [
        [7.45, 43.75],
        [7.46, 43.75],
      ]),
    ],
  };

  it("keeps the streets with a point inside the square around the address", () => {
    const names = (radiusM: number) =>
      streetsNear(network, center, radiusM).features.map((f) => f.properties?.name);
    expect(names(800)).toEqual(["at the door", "a few blocks away", "through"]);
    expect(names(500)).toEqual(["at the door", "through"]);
  });
});
