import { describe, expect, it } from "vitest";
import type { DispatchStop, DispatchVehicle } from "./dispatch-problem";
import { retimeRoute } from "./retime-route";

const t = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00Z`);
const vehicle: DispatchVehicle = {
  vehicleId: "veh_1",
  driverId: null,
  start: { lat: 0, lng: 0 },
  end: { lat: 0, lng: 0 },
  shiftMs: [t("08:00"), t("12:00")],
  capacity: { weightKg: 10 },
  skills: [],
  maxDurationS: null,
  costs: null,
};
const stop = (
  id: string,
  window: [string, string] | null,
  weightKg: number,
  kind: "delivery" | "pickup" = "delivery",
): DispatchStop => ({
  stopId: id,
  orderId: `ord_${id}`,
  kind,
  lat: 0,
  lng: 0,
  timeWindows: window
    ? [{ start: `2026-11-23T${window[0]}:00.000Z`, end: `2026-11-23T${window[1]}:00.000Z` }]
    : [],
  serviceS: 300,
  load: { weightKg, volumeM3: 0, units: 1 },
  skills: [],
  priority: 0,
});
const leg = (minutes: number) => ({ durationS: minutes * 60, distanceM: minutes * 500 });

describe("retimeRoute", () => {
  it("waits for a window, serves, and carries the load down", () => {
    const route = retimeRoute(
      vehicle,
      [stop("a", ["09:00", "10:00"], 4), stop("b", null, 3)],
      [leg(30), leg(10), leg(20)],
    );
    expect(
      route.stops.map((s) => [
        s.arrivalAt.slice(11, 16),
        s.serviceAt.slice(11, 16),
        s.departureAt.slice(11, 16),
        s.waitS,
        s.load.weightKg,
      ]),
    ).toEqual([
      ["08:30", "09:00", "09:05", 1800, 3],
      ["09:15", "09:15", "09:20", 0, 0],
    ]);
    expect([route.endAt.slice(11, 16), route.distanceM, route.durationS, route.warnings]).toEqual([
      "09:40",
      30_000,
      6000,
      [],
    ]);
  });

  it("warns about a missed window, capacity and the shift instead of refusing", () => {
    const route = retimeRoute(
      vehicle,
      [stop("a", ["08:00", "08:10"], 8), stop("b", null, 5, "pickup"), stop("c", null, 4)],
      [leg(30), leg(200), leg(10), leg(30)],
    );
    expect(route.stops[0]?.warnings).toEqual(["20 min past the window"]);
    expect(route.stops[0]?.lateS).toBe(1200);
    // left with 12 kg (over), then 4 kg after a, 9 kg after the pickup, 5 kg after c
    expect(route.warnings).toEqual([
      "back 45 min after the shift ends",
      "leaves the depot over capacity: 12 of 10 kg",
    ]);
    expect(route.stops.map((s) => s.load.weightKg)).toEqual([4, 9, 5]);
  });
});
