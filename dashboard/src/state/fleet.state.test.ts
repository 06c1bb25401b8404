import type { VehicleDto, VehiclePositionUpdate } from "@waybill/shared";
import { asVehicleId } from "@waybill/shared/ids";
import { describe, expect, it } from "vitest";
import { applyPositions, applySnapshot, refreshStatuses } from "./fleet.state";
import { FleetTable } from "./fleet-table";
import { STALE_AFTER_MS, VehicleStatus } from "./vehicle-status";

const T0 = Date.parse("2026-03-02T08:00:00Z");
const clockAt = (wallMs: number, frameMs = 0) => ({ wallMs, frameMs });

function vehicle(id: string, position: VehicleDto["position"] = null): VehicleDto {
  return {
    id,
    name: `Van ${id}`,
    plate: null,
    capacityKg: null,
    deviceId: null,
    createdAt: "",
    position,
    driver: null,
  };
}

function fix(vehicleId: string, fixAt: number, lng: number, lat: number, speedKmh: number | null = 30) {
  const update: VehiclePositionUpdate = {
    vehicleId: asVehicleId(vehicleId),
    fixAt,
    lng,
    lat,
    speedKmh,
    headingDeg: null,
  };
  return update;
}

describe(applySnapshot.name, () => {
  it("adds, renames and removes vehicles to match the snapshot", () => {
    const table = new FleetTable(1);
    applySnapshot(table, [vehicle("a"), vehicle("b"), vehicle("c")], clockAt(T0));
    applySnapshot(table, [{ ...vehicle("c"), name: "Renamed" }, vehicle("a")], clockAt(T0));
    expect(table.count).toBe(2);
    expect(table.rowOf("b")).toBe(-1);
    expect(table.names[table.rowOf("c")]).toBe("Renamed");
    expect(table.ids[table.rowOf("a")]).toBe("a");
  });

  it("keeps a newer live fix over an older snapshot position", () => {
    const table = new FleetTable();
    applySnapshot(table, [vehicle("a")], clockAt(T0));
    applyPositions(table, [fix("a", T0 + 2_000, 7.43, 43.74)], clockAt(T0 + 2_000));
    const older = { fixAt: T0 + 1_000, lng: 7.42, lat: 43.73, speedKmh: 0, headingDeg: 0 };
    applySnapshot(table, [vehicle("a", older)], clockAt(T0 + 3_000));
    expect(table.col.lng[0]).toBe(7.43);
  });
});

describe(applyPositions.name, () => {
  it("applies only fixes newer than the vehicle's current one and counts unknown vehicles", () => {
    const table = new FleetTable();
    applySnapshot(table, [vehicle("a")], clockAt(T0));
    const result = applyPositions(
      table,
      [fix("a", T0 + 1_000, 7.42, 43.73), fix("a", T0 + 500, 7.0, 43.0), fix("zz", T0, 7, 43)],
      clockAt(T0 + 1_000),
    );
    expect(result).toEqual({ applied: 1, unknown: 1 });
    expect(table.col.fixAt[0]).toBe(T0 + 1_000);
    expect(table.col.lng[0]).toBe(7.42);
  });

  it("glides from the drawn position to a close follow-up fix, and jumps after a long silence", () => {
    const table = new FleetTable();
    applySnapshot(table, [vehicle("a")], clockAt(T0));
    applyPositions(table, [fix("a", T0, 7.42, 43.73)], clockAt(T0, 100));
    expect(table.col.glideMs[0]).toBe(0);
    applyPositions(table, [fix("a", T0 + 1_000, 7.421, 43.73)], clockAt(T0 + 1_000, 1_100));
    expect(table.col.glideMs[0]).toBe(1_000);
    expect(table.col.shownLng[0]).toBe(7.42);
    applyPositions(table, [fix("a", T0 + 120_000, 7.5, 43.8)], clockAt(T0 + 120_000, 2_000));
    expect(table.col.glideMs[0]).toBe(0);
    expect(table.col.shownLng[0]).toBe(7.5);
  });

  it("derives speed and heading from consecutive fixes when the device reports none", () => {
    const table = new FleetTable();
    applySnapshot(table, [vehicle("a")], clockAt(T0));
    applyPositions(table, [fix("a", T0, 7.42, 43.73, null)], clockAt(T0));
    // ~80.4 m east in 10 s = ~29 km/h, heading 90°
    applyPositions(table, [fix("a", T0 + 10_000, 7.421, 43.73, null)], clockAt(T0 + 10_000));
    expect(table.col.speedKmh[0]).toBeCloseTo(28.9, 0);
    expect(table.col.headingDeg[0]).toBeCloseTo(90, 3);
    expect(table.status[0]).toBe(VehicleStatus.Moving);
  });
});

describe(refreshStatuses.name, () => {
  it("turns a silent vehicle stale once its fix is older than the threshold", () => {
    const table = new FleetTable();
    applySnapshot(table, [vehicle("a"), vehicle("b")], clockAt(T0));
    applyPositions(table, [fix("a", T0, 7.42, 43.73, 0)], clockAt(T0));
    expect(table.status[0]).toBe(VehicleStatus.Stopped);
    expect(refreshStatuses(table, T0 + STALE_AFTER_MS)).toBe(0);
    expect(refreshStatuses(table, T0 + STALE_AFTER_MS + 1)).toBe(1);
    expect([table.status[0], table.status[1]]).toEqual([VehicleStatus.Stale, VehicleStatus.NoFix]);
  });
});
