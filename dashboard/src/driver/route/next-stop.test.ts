import { describe, expect, it } from "vitest";
import { previousStop, routeVehicleId, selectNextStop } from "./next-stop";
import { stopOf } from "./stop.fixture";

describe(selectNextStop.name, () => {
  it("skips finished stops and takes the first open one in route order", () => {
    const stops = [stopOf("a", "completed"), stopOf("b", "assigned"), stopOf("c", "assigned")];
    expect(selectNextStop(stops)?.id).toBe("b");
  });

  it("keeps the stop under way even when an earlier one is still to do", () => {
    const stops = [stopOf("a", "assigned"), stopOf("b", "arrived")];
    expect(selectNextStop(stops)?.id).toBe("b");
  });

  it("gives null when every stop is done or cancelled", () => {
    expect(selectNextStop([stopOf("a", "completed"), stopOf("b", "cancelled")])).toBeNull();
    expect(selectNextStop([])).toBeNull();
  });
});

describe(previousStop.name, () => {
  it("gives the stop before in route order, none for the first", () => {
    const stops = [stopOf("a", "completed"), stopOf("b", "assigned")];
    expect(previousStop(stops, stops[1]!)?.id).toBe("a");
    expect(previousStop(stops, stops[0]!)).toBeNull();
  });
});

describe(routeVehicleId.name, () => {
  it("takes the vehicle of the first open stop", () => {
    const stops = [
      stopOf("a", "completed", { vehicleId: "veh_old" }),
      stopOf("b", "assigned", { vehicleId: "veh_new" }),
    ];
    expect(routeVehicleId(stops)).toBe("veh_new");
  });

  it("falls back to a finished stop's vehicle and gives null with no vehicle at all", () => {
    expect(routeVehicleId([stopOf("a", "completed", { vehicleId: "veh_old" })])).toBe("veh_old");
    expect(routeVehicleId([stopOf("a", "assigned", { vehicleId: null })])).toBeNull();
    expect(routeVehicleId([])).toBeNull();
  });
});
