import type { DriverRouteDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { applyPending } from "./pending-overlay";
import { stopOf } from "./stop.fixture";

const shift = {
  id: "shf_1",
  vehicleId: "veh_1",
  vehicleName: "Van 1",
  startedAt: "2026-11-22T07:00:00Z",
  endedAt: null,
};
const route = (stops = [stopOf("a", "assigned"), stopOf("b", "assigned")]): DriverRouteDto => ({
  shift: null,
  stops,
});

describe(applyPending.name, () => {
  it("shows a queued shift start and a queued transition at once", () => {
    const view = applyPending(route(), [
      { kind: "shift-start", vehicleId: "veh_1" },
      { kind: "stop-status", stopId: "a", body: { status: "en_route" } },
    ]);
    expect(view.onShift).toBe(true);
    expect(view.stops.map((stop) => stop.status)).toEqual(["en_route", "assigned"]);
  });

  it("records a queued failure with its reason", () => {
    const body = { status: "completed", outcome: "failed", failureReason: "refused" } as const;
    const view = applyPending(route(), [{ kind: "stop-status", stopId: "b", body }]);
    expect(view.stops[1]).toMatchObject({ status: "completed", outcome: "failed", failureReason: "refused" });
  });

  it("never moves a stop back when the server is already further", () => {
    const view = applyPending(route([stopOf("a", "completed")]), [
      { kind: "stop-status", stopId: "a", body: { status: "arrived" } },
    ]);
    expect(view.stops[0]?.status).toBe("completed");
  });

  it("ends the shift when an end is queued, and names the shift's vehicle", () => {
    const view = applyPending({ ...route(), shift }, [{ kind: "shift-end" }]);
    expect(view).toMatchObject({ onShift: false, vehicleName: "Van 1" });
  });
});
