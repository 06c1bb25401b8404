import type { PlanDto, PlannedRouteDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { dropToMove, findStop, slotCount } from "./plan-moves";

const route = (vehicleId: string, stopIds: string[]): PlannedRouteDto =>
  ({ vehicleId, stops: stopIds.map((stopId) => ({ stopId })) }) as unknown as PlannedRouteDto;

const plan = {
  routes: [route("veh_A", ["s1", "s2", "s3"]), route("veh_B", ["s4"])],
  unassigned: [{ stopId: "s5", orderId: "o5", reason: "no vehicle can reach it in time" }],
} as unknown as PlanDto;

describe(findStop.name, () => {
  it("finds a stop on its route or among the unassigned", () => {
    expect(findStop(plan, "s3")).toEqual({ vehicleId: "veh_A", index: 2 });
    expect(findStop(plan, "s5")).toEqual({ vehicleId: null, index: 0 });
    expect(findStop(plan, "nope")).toBeNull();
  });
});

describe(dropToMove.name, () => {
  it("counts slots further down the same route after the stop is taken out", () => {
    expect(dropToMove(plan, "s1", "veh_A", 2)).toEqual({ stopId: "s1", vehicleId: "veh_A", index: 1 });
    expect(dropToMove(plan, "s3", "veh_A", 0)).toEqual({ stopId: "s3", vehicleId: "veh_A", index: 0 });
  });

  it("keeps the slot as the index on another route", () => {
    expect(dropToMove(plan, "s1", "veh_B", 1)).toEqual({ stopId: "s1", vehicleId: "veh_B", index: 1 });
    expect(dropToMove(plan, "s5", "veh_B", 0)).toEqual({ stopId: "s5", vehicleId: "veh_B", index: 0 });
  });

  it("answers null for a drop that leaves the stop where it is", () => {
    expect(dropToMove(plan, "s2", "veh_A", 1)).toBeNull();
    expect(dropToMove(plan, "s2", "veh_A", 2)).toBeNull();
    expect(dropToMove(plan, "s5", null, 0)).toBeNull();
  });

  it("takes a stop off its route when dropped on the unassigned list", () => {
    expect(dropToMove(plan, "s4", null, 0)).toEqual({ stopId: "s4", vehicleId: null, index: 0 });
  });
});

describe(slotCount.name, () => {
  it("offers one more position on another route than on the stop's own", () => {
    expect(slotCount(plan, "s1", "veh_A")).toBe(3);
    expect(slotCount(plan, "s1", "veh_B")).toBe(2);
    expect(slotCount(plan, "s1", "veh_C")).toBe(1);
  });
});
