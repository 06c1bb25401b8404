import { describe, expect, it } from "vitest";
import { proposalRoutes } from "./proposal-routes";

describe(proposalRoutes.name, () => {
  it("puts each vehicle's stops in the proposed sequence and leaves out stops without a place", () => {
    const places = new Map([
      ["s1", { lng: 7.41, lat: 43.73 }],
      ["s2", { lng: 7.42, lat: 43.74 }],
      ["s3", { lng: 7.43, lat: 43.75 }],
    ]);
    const drawn = proposalRoutes(
      {
        routes: [
          { vehicleId: "veh_A", stopIds: ["s3", "gone", "s1"] },
          { vehicleId: "veh_B", stopIds: ["s2"] },
        ],
      },
      places,
    );
    expect(drawn.routes.map((route) => [route.vehicleId, route.stops.map((stop) => stop.stopId)])).toEqual([
      ["veh_A", ["s3", "s1"]],
      ["veh_B", ["s2"]],
    ]);
    expect(drawn.routes[0]?.stops[0]).toEqual({ stopId: "s3", lng: 7.43, lat: 43.75 });
    expect(drawn.routes.every((route) => route.geometry === null)).toBe(true);
  });
});
