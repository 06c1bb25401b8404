import type { RouteStopDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { FleetTable } from "./fleet-table";
import { ANY_VEHICLE, channelChoices, driverChoices, matchingVehicleIds, NO_DRIVER } from "./vehicle-filter";

const ada = { id: "usr_ada", name: "Ada" };
const bea = { id: "usr_bea", name: "Bea" };

function fleet(): FleetTable {
  const table = new FleetTable();
  table.addRow({ id: "veh_1", name: "Van 1", plate: null, driver: bea });
  table.addRow({ id: "veh_2", name: "Van 2", plate: null, driver: ada });
  table.addRow({ id: "veh_3", name: "Van 3", plate: null, driver: null });
  return table;
}

const stop = (vehicleId: string | null, channel: string) => ({ vehicleId, channel }) as RouteStopDto;
const stops = [stop("veh_1", "web"), stop("veh_2", "marketplace"), stop("veh_2", "web"), stop(null, "store")];

describe(matchingVehicleIds.name, () => {
  it("keeps every vehicle (null: nothing to check) when no driver or channel is chosen", () => {
    expect(matchingVehicleIds(fleet(), stops, ANY_VEHICLE)).toBeNull();
  });

  it("keeps the vehicle a driver is on shift with, or those nobody drives", () => {
    expect(matchingVehicleIds(fleet(), stops, { driver: ada.id, channel: null })).toEqual(new Set(["veh_2"]));
    expect(matchingVehicleIds(fleet(), stops, { driver: NO_DRIVER, channel: null })).toEqual(
      new Set(["veh_3"]),
    );
  });

  it("keeps vehicles with a stop of the channel today, and both conditions when both are chosen", () => {
    expect(matchingVehicleIds(fleet(), stops, { driver: null, channel: "web" })).toEqual(
      new Set(["veh_1", "veh_2"]),
    );
    expect(matchingVehicleIds(fleet(), stops, { driver: bea.id, channel: "marketplace" })).toEqual(new Set());
  });
});

describe("filter choices", () => {
  it("lists drivers on shift by name and the channels of today's routes, each once", () => {
    expect(driverChoices(fleet())).toEqual([
      { value: ada.id, label: "Ada" },
      { value: bea.id, label: "Bea" },
    ]);
    expect(channelChoices(stops).map((choice) => choice.value)).toEqual(["marketplace", "web"]);
  });
});
