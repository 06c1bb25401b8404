import type { RouteStopDto, VehicleDto } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignedOrder,
  completeStop,
  createUser,
  createVan,
  json,
  signInToken,
  startShift,
} from "../support/route-fixtures";
import { startTestSystem, type TestSystem } from "../support/system";

/** Places need not be on roads here: nothing is routed. */
const PLACE: [number, number] = [7.42, 43.73];

describe("GET /api/v1/stops: the day's finished stops, channels; vehicles with their driver", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it("lists stops completed since a time, served and failed, each with its order's channel", {
    timeout: 60_000,
  }, async () => {
    const van = await createVan(system, "Van C");
    const stopIds = [];
    for (const [sequence, channel] of ["web", "marketplace", "store"].entries())
      stopIds.push(
        (await assignedOrder(system, { place: PLACE, vehicleId: van.id, sequence, channel })).stops[0]!.id,
      );
    const [servedId, failedId, openId] = stopIds as [string, string, string];
    const before = new Date(Date.now() - 1_000).toISOString();
    await completeStop(system, servedId, "succeeded");
    await completeStop(system, failedId, "failed");

    const since = await json<RouteStopDto[]>(
      await system.api(`/api/v1/stops?vehicleId=${van.id}&completedSince=${encodeURIComponent(before)}`),
    );
    expect(since.map((stop) => [stop.id, stop.status, stop.outcome, stop.channel])).toEqual([
      [servedId, "completed", "succeeded", "web"],
      [failedId, "completed", "failed", "marketplace"],
    ]);

    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await json<RouteStopDto[]>(
      await system.api(`/api/v1/stops?vehicleId=${van.id}&completedSince=${encodeURIComponent(later)}`),
    );
    expect(none).toEqual([]);

    const open = await json<RouteStopDto[]>(await system.api(`/api/v1/stops?vehicleId=${van.id}&open=true`));
    expect(open.map((stop) => [stop.id, stop.channel])).toEqual([[openId, "store"]]);
  });

  it.each([
    ["not a time", "completedSince=yesterday"],
    ["a date without a time", "completedSince=2026-12-06"],
    ["a time without an offset", "completedSince=2026-12-06T00:00:00"],
    ["open stops are never completed", "open=true&completedSince=2026-12-06T00:00:00Z"],
  ])("refuses %s with a problem naming completedSince", async (_why, query) => {
    const response = await system.api(`/api/v1/stops?${query}`);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as { errors: { field: string; reason: string }[] };
    expect(problem.errors.map((error) => error.field)).toEqual(["completedSince"]);
  });

  it("names the driver on shift with each vehicle, and nobody once the shift ends", {
    timeout: 30_000,
  }, async () => {
    const van = await createVan(system, "Van D");
    const driver = await createUser(system, "driver", "Dana Driver");
    const token = await signInToken(system, driver.email);
    const driverOf = async () =>
      (await json<VehicleDto>(await system.api(`/api/v1/vehicles/${van.id}`))).driver;

    expect(await driverOf()).toBeNull();
    await startShift(system, token, van.id);
    expect(await driverOf()).toEqual({ id: driver.id, name: "Dana Driver" });
    const listed = await json<VehicleDto[]>(await system.api("/api/v1/vehicles"));
    expect(listed.find((vehicle) => vehicle.id === van.id)?.driver?.name).toBe("Dana Driver");

    await json(await system.api("/api/v1/driver/shift", { method: "DELETE", key: token }));
    expect(await driverOf()).toBeNull();
  });
});
