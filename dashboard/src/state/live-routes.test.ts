import type { StopDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { routeColour } from "../map/layers/plan-route-features";
import {
  liveRouteFeatures,
  liveStopState,
  parseLiveStopMarker,
  STOP_STATUS_COLOURS,
  startOfLocalDay,
} from "./live-routes";

const stop = (
  id: string,
  vehicleId: string | null,
  sequence: number | null,
  status: StopDto["status"],
  outcome: StopDto["outcome"] = null,
) =>
  ({
    id,
    vehicleId,
    sequence,
    status,
    outcome,
    place: { address: id, lng: sequence ?? 0, lat: 1 },
  }) as unknown as StopDto;

describe(liveRouteFeatures.name, () => {
  const stops = [
    stop("b2", "veh_B", 1, "assigned"),
    stop("a1", "veh_A", 0, "en_route"),
    stop("b1", "veh_B", 0, "arrived"),
    stop("u1", null, null, "unassigned"),
    stop("a2", "veh_A", 1, "assigned"),
    stop("a3", "veh_A", 2, "assigned"),
  ];

  it("draws a line per vehicle through its stops in sequence, coloured by the vehicle's place", () => {
    const lines = liveRouteFeatures(stops).features.filter((f) => f.geometry.type === "LineString");
    expect(lines.map((line) => [line.properties.vehicleId, line.geometry.coordinates.length])).toEqual([
      ["veh_A", 3],
      ["veh_B", 2],
    ]);
    expect(lines.map((line) => ("colour" in line.properties ? line.properties.colour : null))).toEqual([
      routeColour(0),
      routeColour(1),
    ]);
    expect(lines[1]?.geometry.coordinates).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it("numbers each vehicle's stops from 1, coloured by status, and leaves unassigned stops out", () => {
    const points = liveRouteFeatures(stops).features.flatMap((f) =>
      "stopId" in f.properties ? [f.properties] : [],
    );
    expect(points.map((p) => [p.stopId, parseLiveStopMarker(p.marker)])).toEqual([
      ["a1", { colour: STOP_STATUS_COLOURS.en_route, number: 1 }],
      ["a2", { colour: STOP_STATUS_COLOURS.assigned, number: 2 }],
      ["a3", { colour: STOP_STATUS_COLOURS.assigned, number: 3 }],
      ["b1", { colour: STOP_STATUS_COLOURS.arrived, number: 1 }],
      ["b2", { colour: STOP_STATUS_COLOURS.assigned, number: 2 }],
    ]);
  });

  it("draws no line for a lone stop and rejects other marker images", () => {
    const features = liveRouteFeatures([stop("a1", "veh_A", 0, "assigned")]).features;
    expect(features.map((f) => f.geometry.type)).toEqual(["Point"]);
    expect(parseLiveStopMarker("waybill-plan-stop:1:2")).toBeNull();
    expect(parseLiveStopMarker("waybill-live-stop:constructor:2")).toBeNull();
  });

  it("puts today's finished stops on the route in sequence, delivered and failed apart", () => {
    const day = [
      stop("c3", "veh_C", 2, "assigned"),
      stop("c1", "veh_C", 0, "completed", "succeeded"),
      stop("c2", "veh_C", 1, "completed", "failed"),
      stop("x1", "veh_C", 3, "cancelled"),
    ];
    const features = liveRouteFeatures(day).features;
    expect(features.find((f) => f.geometry.type === "LineString")?.geometry.coordinates).toHaveLength(3);
    expect(features.flatMap((f) => ("state" in f.properties ? [f.properties.state] : []))).toEqual([
      "delivered",
      "failed",
      "assigned",
    ]);
  });
});

describe(liveStopState.name, () => {
  it("shows open stops by status, finished ones by outcome, and nobody's stops not at all", () => {
    expect(liveStopState({ status: "en_route", outcome: null })).toBe("en_route");
    expect(liveStopState({ status: "completed", outcome: "succeeded" })).toBe("delivered");
    expect(liveStopState({ status: "completed", outcome: "failed" })).toBe("failed");
    expect(liveStopState({ status: "unassigned", outcome: null })).toBeNull();
    expect(liveStopState({ status: "cancelled", outcome: null })).toBeNull();
  });
});

describe(startOfLocalDay.name, () => {
  it("is local midnight of the same day", () => {
    const start = startOfLocalDay(new Date(2026, 11, 6, 17, 45, 12, 300));
    expect(start).toEqual(new Date(2026, 11, 6, 0, 0, 0, 0));
  });
});
