import { describe, expect, it } from "vitest";
import { classifyVehicle, MOVING_MIN_SPEED_KMH, STALE_AFTER_MS, VehicleStatus } from "./vehicle-status";

const NOW = Date.parse("2026-03-02T08:00:00Z");

describe(classifyVehicle.name, () => {
  it("says no fix when there is none", () => {
    expect(classifyVehicle(Number.NaN, 40, NOW)).toBe(VehicleStatus.NoFix);
  });

  it("says stale for a fix older than five minutes, whatever its speed", () => {
    expect(classifyVehicle(NOW - STALE_AFTER_MS - 1, 40, NOW)).toBe(VehicleStatus.Stale);
  });

  it("splits fresh fixes into moving and stopped at the speed threshold; unknown speed is stopped", () => {
    expect(classifyVehicle(NOW, MOVING_MIN_SPEED_KMH, NOW)).toBe(VehicleStatus.Moving);
    expect(classifyVehicle(NOW, MOVING_MIN_SPEED_KMH - 0.1, NOW)).toBe(VehicleStatus.Stopped);
    expect(classifyVehicle(NOW, Number.NaN, NOW)).toBe(VehicleStatus.Stopped);
  });
});
