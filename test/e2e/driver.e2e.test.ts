import type { DriverRouteDto, OrderDto, ShiftDto, VehicleDto } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { signedInDriver } from "../support/driver-socket";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let vehicleId: string;

beforeAll(async () => {
  system = await startTestSystem();
  const res = await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Van D" } });
  vehicleId = ((await res.json()) as VehicleDto).id;
});
afterAll(() => system?.stop());

const driver = () => signedInDriver(system);

const as = (token: string, path: string, init: { method?: string; json?: unknown } = {}) =>
  system.api(path, { ...init, key: token });

describe("driver on the phone", () => {
  it("starts a shift, shares the phone's position as the vehicle's, ends the shift", async () => {
    const dee = await driver();
    const early = await as(dee.token, "/api/v1/driver/positions", {
      method: "POST",
      json: { fixes: [{ fixAt: Date.now(), lat: 43.73, lng: 7.42 }] },
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ currentState: "off_shift" });

    const shift = (await (
      await as(dee.token, "/api/v1/driver/shift", { method: "POST", json: { vehicleId } })
    ).json()) as ShiftDto;
    expect(shift).toMatchObject({ vehicleId, vehicleName: "Van D", endedAt: null });

    const fixAt = Date.now() - 1000;
    const sent = await as(dee.token, "/api/v1/driver/positions", {
      method: "POST",
      json: { fixes: [{ fixAt, lat: 43.7371, lng: 7.4213, accuracyM: 8, speedKmh: 20 }] },
    });
    expect(sent.status).toBe(202);
    const vehicle = (await (await system.api(`/api/v1/vehicles/${vehicleId}`)).json()) as VehicleDto;
    expect(vehicle.position).toMatchObject({ fixAt, lat: 43.7371, lng: 7.4213 });

    const bad = await as(dee.token, "/api/v1/driver/positions", {
      method: "POST",
      json: { fixes: [{ fixAt, lat: 123, lng: 7.42 }] },
    });
    expect(bad.status).toBe(202);
    await eventually(async () => {
      const rejected = (await (await system.api("/api/v1/telemetry/rejected")).json()) as {
        items: { deviceId: string; reason: string }[];
      };
      return rejected.items.find((r) => r.deviceId === `phone-${dee.id}`);
    });

    const ended = (await (
      await as(dee.token, "/api/v1/driver/shift", { method: "DELETE" })
    ).json()) as ShiftDto;
    expect(ended.endedAt).not.toBeNull();
    const after = await as(dee.token, "/api/v1/driver/positions", {
      method: "POST",
      json: { fixes: [{ fixAt: Date.now(), lat: 43.73, lng: 7.42 }] },
    });
    expect(after.status).toBe(409);
  });

  it("shows the driver their route with what they need at the door, and nobody else's", async () => {
    const dee = await driver();
    const other = await driver();
    const created = await system.api("/api/v1/orders", {
      method: "POST",
      json: {
        channel: "phone",
        externalRef: uniqueDeviceId("R"),
        customer: { name: "Cleo", phone: "+377 99 99 99 99" },
        destination: { address: "Place du Casino", lat: 43.739, lng: 7.428 },
        items: [{ sku: "FLOWERS", quantity: 1, description: "Roses" }],
        notes: "Ring twice",
      },
    });
    const order = (await created.json()) as OrderDto;
    await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
    await system.api(`/api/v1/stops/${order.stops[0]!.id}/assign`, {
      method: "POST",
      json: { vehicleId, driverId: dee.id, sequence: 0 },
    });
    const route = (await (await as(dee.token, "/api/v1/driver/route")).json()) as DriverRouteDto;
    expect(route.stops).toMatchObject([
      {
        id: order.stops[0]!.id,
        order: { customerName: "Cleo", notes: "Ring twice", items: [{ sku: "FLOWERS" }] },
      },
    ]);
    const theirs = (await (await as(other.token, "/api/v1/driver/route")).json()) as DriverRouteDto;
    expect(theirs.stops).toEqual([]);
    expect((await system.api("/api/v1/driver/route")).status).toBe(403);
  });

  it("reports an incident on the shift's vehicle and announces it to dispatch", async () => {
    const dee = await driver();
    await as(dee.token, "/api/v1/driver/shift", { method: "POST", json: { vehicleId } });
    const missingNote = await as(dee.token, "/api/v1/driver/incidents", {
      method: "POST",
      json: { kind: "other" },
    });
    expect(await missingNote.json()).toMatchObject({ status: 422, errors: [{ field: "note" }] });
    const res = await as(dee.token, "/api/v1/driver/incidents", {
      method: "POST",
      json: { kind: "breakdown", note: "flat tyre", lat: 43.73, lng: 7.42 },
    });
    expect(res.status).toBe(201);
    const incident = (await res.json()) as { id: string; vehicleId: string };
    expect(incident.vehicleId).toBe(vehicleId);
    const events = await system.database.db.select().from(outboxEvents);
    const announced = events.find(
      (event) =>
        event.type === "vehicle.incident_reported" &&
        (event.data.incident as { id: string }).id === incident.id,
    );
    expect(announced?.actor).toEqual({ kind: "driver", id: dee.id });
  });
});
