import { describe, expect, it } from "vitest";
import { type CarWayProfile, evaluateCarWay } from "./car-profile";
import { DEFAULT_SPEED_KMH } from "./car-speeds";
import type { OsmTags } from "./osm-extract";
import { ROAD_CLASSES } from "./road-graph";

type Directions = Pick<CarWayProfile, "forward" | "backward">;
const both: Directions = { forward: true, backward: true };
const forwardOnly: Directions = { forward: true, backward: false };
const backwardOnly: Directions = { forward: false, backward: true };

describe(evaluateCarWay.name, () => {
  it.each(ROAD_CLASSES.map((roadClass) => [roadClass]))("accepts highway=%s", (roadClass) => {
    expect(evaluateCarWay({ highway: roadClass })?.roadClass).toBe(roadClass);
  });

  it.each<[string, OsmTags]>([
    ["a footway", { highway: "footway" }],
    ["a track", { highway: "track" }],
    ["a pedestrian street", { highway: "pedestrian" }],
    ["a road under construction", { highway: "construction" }],
    ["a way without highway", { building: "yes" }],
    ["an area", { highway: "service", area: "yes" }],
    ["an emergency access", { highway: "service", service: "emergency_access" }],
    ["access=no", { highway: "residential", access: "no" }],
    ["access=private", { highway: "service", access: "private" }],
    ["access=delivery", { highway: "residential", access: "delivery" }],
    ["access=agricultural", { highway: "unclassified", access: "agricultural" }],
    ["access=forestry", { highway: "unclassified", access: "forestry" }],
    ["motor_vehicle=no", { highway: "residential", motor_vehicle: "no" }],
    ["motorcar=no over access=yes", { highway: "residential", access: "yes", motorcar: "no" }],
    ["vehicle=private", { highway: "residential", vehicle: "private" }],
    ["a reversible way", { highway: "primary", oneway: "reversible" }],
    ["an alternating way", { highway: "primary", oneway: "alternating" }],
  ])("rejects %s", (_, tags) => {
    expect(evaluateCarWay(tags)).toBeNull();
  });

  it.each<[string, OsmTags]>([
    ["motor_vehicle=yes over access=no", { highway: "residential", access: "no", motor_vehicle: "yes" }],
    [
      "motorcar=destination over motor_vehicle=no",
      { highway: "residential", motor_vehicle: "no", motorcar: "destination" },
    ],
    ["access=destination", { highway: "residential", access: "destination" }],
    ["access=permissive", { highway: "service", access: "permissive" }],
    ["an unknown access value", { highway: "residential", motor_vehicle: "unbekannt" }],
    ["a parking aisle", { highway: "service", service: "parking_aisle" }],
  ])("accepts %s", (_, tags) => {
    expect(evaluateCarWay(tags)).not.toBeNull();
  });

  it.each<[string, OsmTags, Directions]>([
    ["a plain street", { highway: "residential" }, both],
    ["oneway=yes", { highway: "residential", oneway: "yes" }, forwardOnly],
    ["oneway=1", { highway: "residential", oneway: "1" }, forwardOnly],
    ["oneway=true", { highway: "residential", oneway: "true" }, forwardOnly],
    ["oneway=-1", { highway: "residential", oneway: "-1" }, backwardOnly],
    ["oneway=no", { highway: "residential", oneway: "no" }, both],
    ["a roundabout", { highway: "primary", junction: "roundabout" }, forwardOnly],
    ["a circular junction", { highway: "primary", junction: "circular" }, forwardOnly],
    ["a roundabout tagged oneway=no", { highway: "primary", junction: "roundabout", oneway: "no" }, both],
    ["a motorway", { highway: "motorway" }, forwardOnly],
    ["a motorway link", { highway: "motorway_link" }, forwardOnly],
    ["a two-way motorway", { highway: "motorway", oneway: "no" }, both],
    ["a trunk (not implied)", { highway: "trunk" }, both],
    [
      "oneway:motorcar=no over oneway=yes",
      { highway: "residential", oneway: "yes", "oneway:motorcar": "no" },
      both,
    ],
    ["an unknown oneway value", { highway: "residential", oneway: "perhaps" }, both],
  ])("gives %s its directions", (_, tags, directions) => {
    expect(evaluateCarWay(tags)).toMatchObject(directions);
  });

  it.each<[string, OsmTags, number]>([
    ["maxspeed=50 on a residential street (80 %)", { highway: "residential", maxspeed: "50" }, 40],
    ["maxspeed=50 on a primary road (85 %)", { highway: "primary", maxspeed: "50" }, 42.5],
    ["maxspeed=130 on a motorway (90 %)", { highway: "motorway", maxspeed: "130" }, 117],
    [
      "maxspeed=30 mph on a residential street",
      { highway: "residential", maxspeed: "30 mph" },
      30 * 1.609344 * 0.8,
    ],
    ["maxspeed=RO:urban on a secondary road", { highway: "secondary", maxspeed: "RO:urban" }, 42.5],
    ["maxspeed=walk on a living street (never below 4)", { highway: "living_street", maxspeed: "walk" }, 5.6],
    ["maxspeed=5 on a parking lot road (floor 4)", { highway: "service", maxspeed: "5" }, 4],
    [
      "maxspeed:forward and :backward, the lower",
      { highway: "primary", "maxspeed:forward": "70", "maxspeed:backward": "50" },
      42.5,
    ],
    ["no maxspeed on a primary road", { highway: "primary" }, DEFAULT_SPEED_KMH.primary],
    ["an unusable maxspeed", { highway: "tertiary", maxspeed: "signals" }, DEFAULT_SPEED_KMH.tertiary],
    ["no maxspeed on a parking aisle", { highway: "service", service: "parking_aisle" }, 10],
    ["no maxspeed on an alley", { highway: "service", service: "alley" }, 15],
    ["no maxspeed on a plain service road", { highway: "service" }, DEFAULT_SPEED_KMH.service],
  ])("drives %s at the expected speed", (_, tags, speedKmh) => {
    expect(evaluateCarWay(tags)?.speedKmh).toBeCloseTo(speedKmh, 6);
  });

  it("names a way by name, else ref, else empty", () => {
    expect(evaluateCarWay({ highway: "primary", name: "Boulevard Albert 1er", ref: "D6007" })?.name).toBe(
      "Boulevard Albert 1er",
    );
    expect(evaluateCarWay({ highway: "primary", ref: "D6007" })?.name).toBe("D6007");
    expect(evaluateCarWay({ highway: "primary" })?.name).toBe("");
  });

  it("flags roundabouts", () => {
    expect(evaluateCarWay({ highway: "tertiary", junction: "roundabout" })?.roundabout).toBe(true);
    expect(evaluateCarWay({ highway: "tertiary" })?.roundabout).toBe(false);
  });

  it("has a plausible default speed for every class", () => {
    for (const roadClass of ROAD_CLASSES) {
      expect(DEFAULT_SPEED_KMH[roadClass]).toBeGreaterThanOrEqual(5);
      expect(DEFAULT_SPEED_KMH[roadClass]).toBeLessThanOrEqual(130);
    }
  });
});
