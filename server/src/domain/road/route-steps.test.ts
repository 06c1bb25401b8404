import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type FixtureCollection, graphFromGeoJson } from "./graph-fixtures";
import { RouteEngine } from "./route-engine";
import { modifierOf } from "./route-steps";
import { ordinal, wordManeuver } from "./route-text";

const IN = new URL("./__fixtures__/in/", import.meta.url);
const OUT = new URL("./__fixtures__/out/", import.meta.url);
const ROAD_STYLE = { stroke: "#9e9e9e", "stroke-width": 2 };
const ROUTE_STYLE = { stroke: "#e6194b", "stroke-width": 5, "stroke-opacity": 0.8 };

/** Routes through a fixture's waypoints and renders the input, the route and its steps as one map. */
function renderFixture(input: FixtureCollection): unknown {
  const { graph, waypoints, headingsDeg } = graphFromGeoJson(input);
  const result = new RouteEngine(graph).route(waypoints, { headingsDeg });
  const roads = input.features
    .filter((f) => f.geometry.type === "LineString")
    .map((f) => ({ ...f, properties: { ...f.properties, ...ROAD_STYLE } }));
  const points = input.features
    .filter((f) => f.geometry.type === "Point")
    .map((f) => ({
      ...f,
      properties: { ...f.properties, "marker-color": "#3cb44b", "marker-symbol": "circle" },
    }));
  if ("error" in result)
    return { type: "FeatureCollection", features: [...roads, ...points], properties: result };
  const { geometry, steps, ...summary } = result;
  const route = { type: "Feature", properties: { ...summary, ...ROUTE_STYLE }, geometry };
  const stepPoints = steps.map(({ location, ...step }, i) => ({
    type: "Feature",
    properties: { step: i, ...step, "marker-color": "#4363d8", "marker-size": "small" },
    geometry: { type: "Point", coordinates: location },
  }));
  return { type: "FeatureCollection", features: [...roads, ...points, route, ...stepPoints] };
}

describe("route steps (golden files)", () => {
  for (const name of readdirSync(IN).filter((f) => f.endsWith(".geojson"))) {
    it(name, () => {
      const input = JSON.parse(readFileSync(new URL(name, IN), "utf8")) as FixtureCollection;
      const actual = `${JSON.stringify(renderFixture(input), null, 1)}\n`;
      if (process.env.REGEN) writeFileSync(new URL(name, OUT), actual);
      expect(actual).toBe(readFileSync(new URL(name, OUT), "utf8"));
    });
  }
});

describe(modifierOf.name, () => {
  it.each([
    [0, "straight"],
    [-30, "slight left"],
    [90, "right"],
    [-150, "sharp left"],
    [178, "uturn"],
  ] as const)("calls a %d° change of direction %s", (deg, modifier) => {
    expect(modifierOf(deg)).toBe(modifier);
  });
});

describe(wordManeuver.name, () => {
  it("words turns, roundabouts and arrivals", () => {
    expect(wordManeuver({ type: "turn", modifier: "left", streetName: "Rue A" }, 0)).toBe(
      "Turn left onto Rue A",
    );
    expect(wordManeuver({ type: "turn", modifier: "right", streetName: "" }, 0)).toBe("Turn right");
    expect(wordManeuver({ type: "roundabout", exit: 3, streetName: "" }, 0)).toBe(
      "Enter the roundabout and take the 3rd exit",
    );
    expect(wordManeuver({ type: "depart", streetName: "Quai C" }, 181)).toBe("Head south on Quai C");
    expect(wordManeuver({ type: "arrive", streetName: "", waypoint: 2 }, 0)).toBe(
      "You have arrived at waypoint 2",
    );
  });

  it("spells ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
    ]);
  });
});
