import { describe, expect, it } from "vitest";
import { applySnapshot } from "../../state/fleet.state";
import { FleetTable } from "../../state/fleet-table";
import { type VehicleFeatureCollection, writeVehicleFeatures } from "./vehicle-features";

const T0 = Date.parse("2026-03-02T08:00:00Z");

function table(): FleetTable {
  const fleet = new FleetTable();
  const at = (lng: number) => ({ fixAt: T0, lng, lat: 43.73, speedKmh: 20, headingDeg: null });
  const base = { plate: null, capacityKg: null, deviceId: null, createdAt: "" };
  applySnapshot(
    fleet,
    [
      { ...base, id: "a", name: "A", position: at(7.41) },
      { ...base, id: "b", name: "B", position: null },
      { ...base, id: "c", name: "C", position: at(7.43) },
    ],
    { wallMs: T0, frameMs: 0 },
  );
  return fleet;
}

describe(writeVehicleFeatures.name, () => {
  it("writes one point per vehicle with a fix, at its drawn position, with status and heading", () => {
    const collection: VehicleFeatureCollection = { type: "FeatureCollection", features: [] };
    writeVehicleFeatures(table(), collection);
    expect(
      collection.features.map((f) => [f.properties.vid, f.geometry.coordinates[0], f.properties.h]),
    ).toEqual([
      ["a", 7.41, -1],
      ["c", 7.43, -1],
    ]);
  });

  it("reuses last frame's feature objects and drops the surplus", () => {
    const collection: VehicleFeatureCollection = { type: "FeatureCollection", features: [] };
    const fleet = table();
    writeVehicleFeatures(fleet, collection);
    const first = collection.features[0];
    fleet.removeRow(fleet.rowOf("c"));
    writeVehicleFeatures(fleet, collection);
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]).toBe(first);
  });
});
