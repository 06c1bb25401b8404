import type { PlanDto, PlannedRouteDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { parseStopMarker, planFeatures, ROUTE_COLOURS, routeColour } from "./plan-route-features";

const route = (vehicleId: string, points: [number, number][], withGeometry = true): PlannedRouteDto =>
  ({
    vehicleId,
    stops: points.map(([lng, lat], index) => ({ stopId: `${vehicleId}-s${index}`, lng, lat })),
    geometry: withGeometry ? { type: "LineString", coordinates: [[0, 0], ...points, [0, 0]] } : null,
  }) as unknown as PlannedRouteDto;

describe(routeColour.name, () => {
  it("gives neighbouring routes different colours and wraps after the palette", () => {
    expect(routeColour(0)).not.toBe(routeColour(1));
    expect(routeColour(ROUTE_COLOURS.length + 1)).toBe(routeColour(1));
  });
});

describe(planFeatures.name, () => {
  const plan = {
    routes: [
      route("veh_B", [
        [7.41, 43.73],
        [7.42, 43.74],
      ]),
      route("veh_A", [[7.43, 43.72]], false),
      route("veh_C", []),
    ],
  } as unknown as PlanDto;

  it("colours each route by its vehicle's place in the plan, not by the route order", () => {
    const features = planFeatures(plan, ["veh_A", "veh_B", "veh_C"]).features;
    const lineOf = (vehicleId: string) =>
      features.find((f) => f.geometry.type === "LineString" && f.properties.vehicleId === vehicleId);
    expect(lineOf("veh_A")?.properties.colour).toBe(routeColour(0));
    expect(lineOf("veh_B")?.properties.colour).toBe(routeColour(1));
    expect(lineOf("veh_C")).toBeUndefined();
  });

  it("numbers the stops of each route from 1, after all the lines", () => {
    const features = planFeatures(plan, ["veh_A", "veh_B"]).features;
    expect(features.map((f) => f.geometry.type)).toEqual([
      "LineString",
      "LineString",
      "Point",
      "Point",
      "Point",
    ]);
    const markers = features.flatMap((f) => ("marker" in f.properties ? [f.properties.marker] : []));
    expect(markers.map((marker) => parseStopMarker(marker)?.number)).toEqual([1, 2, 1]);
  });

  it("uses the road geometry and falls back to a line through the stops", () => {
    const [roadLine, straightLine] = planFeatures(plan, ["veh_A", "veh_B"]).features;
    expect(roadLine?.geometry.coordinates).toHaveLength(4);
    expect(straightLine?.geometry.coordinates).toEqual([
      [7.43, 43.72],
      [7.43, 43.72],
    ]);
  });
});

describe(parseStopMarker.name, () => {
  it("reads the colour and number back and rejects other images", () => {
    expect(parseStopMarker("waybill-plan-stop:1:12")).toEqual({ colour: routeColour(1), number: 12 });
    expect(parseStopMarker("waybill-heading-arrow")).toBeNull();
  });
});
