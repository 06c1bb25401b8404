import {
  DISPATCH_NAMESPACE,
  type OrderDetailDto,
  type OrderDto,
  type PlanDto,
  type PlanProgressDto,
  type VehicleDto,
} from "@waybill/shared";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BBox, networkBox, pointIn } from "../support/road-network";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let bbox: BBox;
let vans: string[];

const at = (fx: number, fy: number) => pointIn(bbox, fx, fy);

beforeAll(async () => {
  system = await startTestSystem();
  bbox = await networkBox(system);
  vans = [];
  for (const name of ["Van A", "Van B"]) {
    const res = await system.api("/api/v1/vehicles", { method: "POST", json: { name, capacityKg: 100 } });
    vans.push(((await res.json()) as VehicleDto).id);
  }
});
afterAll(() => system?.stop());

/** A ready order at (fx, fy), weighing `kg`, to be delivered 08:00-12:00 UTC on 2026-11-23. */
async function readyOrder(fx: number, fy: number, kg = 5): Promise<OrderDto> {
  const res = await system.api("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      externalRef: uniqueDeviceId("P"),
      customer: { name: "C" },
      destination: { address: `${fx},${fy}`, ...at(fx, fy) },
      timeZone: "UTC",
      timeWindows: [{ start: "2026-11-23T08:00", end: "2026-11-23T12:00" }],
      items: [{ sku: "BOX", quantity: 1, weightKg: kg }],
      serviceTimeSeconds: 120,
    },
  });
  const order = (await res.json()) as OrderDto;
  await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
  return order;
}

/** Ready orders at each (fx, fy), in turn. */
async function readyOrders(points: readonly (readonly [number, number])[], kg?: number): Promise<OrderDto[]> {
  const orders: OrderDto[] = [];
  for (const [fx, fy] of points) orders.push(await readyOrder(fx, fy, kg));
  return orders;
}

const vehicle = (vehicleId: string) => ({
  vehicleId,
  start: at(0.5, 0.5),
  shift: { start: "08:00", end: "17:00" },
});

async function finished(planId: string): Promise<PlanDto> {
  return eventually(async () => {
    const plan = (await (await system.api(`/api/v1/plans/${planId}`)).json()) as PlanDto;
    return plan.status === "running" ? undefined : plan;
  }, 30_000);
}

describe("route plans", () => {
  it("plans a day's orders on the road network with live progress, then applies the routes", async () => {
    const orders = await readyOrders([
      [0.1, 0.1],
      [0.2, 0.8],
      [0.8, 0.2],
      [0.9, 0.9],
      [0.5, 0.1],
      [0.3, 0.4],
    ]);
    const stopIds = orders.map((order) => order.stops[0]!.id);

    const socket = io(`${system.url}${DISPATCH_NAMESPACE}`, {
      auth: { token: system.adminKey },
      transports: ["websocket"],
    });
    const progress: PlanProgressDto[] = [];
    socket.on("plan:progress", (p: PlanProgressDto) => progress.push(p));
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));

    const res = await system.api("/api/v1/plans", {
      method: "POST",
      json: { date: "2026-11-23", stopIds, vehicles: vans.map(vehicle), timeLimitSeconds: 1 },
    });
    expect(res.status).toBe(202);
    const started = (await res.json()) as PlanDto;
    expect(started.status).toBe("running");
    const plan = await finished(started.id);
    socket.close();

    expect(plan.status).toBe("succeeded");
    expect(plan.unassigned).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.planId === plan.id)).toBe(true);
    const planned = plan.routes.flatMap((route) => route.stops.map((stop) => stop.stopId));
    expect(planned.sort()).toEqual([...stopIds].sort());
    for (const route of plan.routes) {
      expect(route.geometry?.coordinates.length).toBeGreaterThan(1);
      let previous = Date.parse(route.startAt);
      for (const stop of route.stops) {
        expect(Date.parse(stop.arrivalAt)).toBeGreaterThanOrEqual(previous);
        expect(Date.parse(stop.serviceAt)).toBeGreaterThanOrEqual(Date.parse("2026-11-23T08:00:00Z"));
        expect(Date.parse(stop.serviceAt)).toBeLessThanOrEqual(Date.parse("2026-11-23T12:00:00Z"));
        expect(stop.departureAt).toBe(new Date(Date.parse(stop.serviceAt) + 120_000).toISOString());
        previous = Date.parse(stop.departureAt);
      }
      expect(route.stops.at(-1)?.load.weightKg).toBe(0);
    }
    expect(plan.summary?.distanceM).toBeGreaterThan(0);

    const applied = (await (
      await system.api(`/api/v1/plans/${plan.id}/apply`, { method: "POST" })
    ).json()) as {
      applied: number;
      failed: unknown[];
    };
    expect(applied).toEqual({ applied: stopIds.length, failed: [] });
    const first = plan.routes[0]!;
    const order = (await (
      await system.api(`/api/v1/orders/${first.stops[0]!.orderId}`)
    ).json()) as OrderDetailDto;
    expect(order.status).toBe("planned");
    expect(order.stops[0]).toMatchObject({
      vehicleId: first.vehicleId,
      sequence: 0,
      plannedArrivalAt: first.stops[0]!.arrivalAt,
    });
    const again = await system.api(`/api/v1/plans/${plan.id}/apply`, { method: "POST" });
    expect(again.status).toBe(409);
  });

  it("moves a stop by hand: re-timed on the road network, with warnings instead of refusals", async () => {
    const orders = [await readyOrder(0.15, 0.2, 60), await readyOrder(0.85, 0.8, 60)];
    const stopIds = orders.map((order) => order.stops[0]!.id);
    const res = await system.api("/api/v1/plans", {
      method: "POST",
      json: { date: "2026-11-23", stopIds, vehicles: vans.map(vehicle), timeLimitSeconds: 0.5 },
    });
    const plan = await finished(((await res.json()) as PlanDto).id);
    expect(plan.routes).toHaveLength(2);
    const [from, to] = plan.routes as [PlanDto["routes"][0], PlanDto["routes"][0]];
    const moved = (await (
      await system.api(`/api/v1/plans/${plan.id}/move`, {
        method: "POST",
        json: { stopId: from.stops[0]!.stopId, vehicleId: to.vehicleId, index: 1 },
      })
    ).json()) as PlanDto;
    expect(moved.edited).toBe(true);
    const target = moved.routes.find((route) => route.vehicleId === to.vehicleId)!;
    expect(target.stops.map((stop) => stop.stopId)).toEqual([to.stops[0]!.stopId, from.stops[0]!.stopId]);
    expect(target.warnings).toContain("leaves the depot over capacity: 120 of 100 kg");
    expect(Date.parse(target.stops[1]!.arrivalAt)).toBeGreaterThan(Date.parse(target.stops[0]!.departureAt));
    expect(moved.routes.some((route) => route.vehicleId === from.vehicleId && route.stops.length > 0)).toBe(
      false,
    );
  });

  it("plans the driver's break inside its window", async () => {
    const orders = [];
    for (const [fx, fy] of [
      [0.2, 0.2],
      [0.7, 0.3],
      [0.4, 0.9],
    ] as const)
      orders.push(await readyOrder(fx, fy));
    const res = await system.api("/api/v1/plans", {
      method: "POST",
      json: {
        date: "2026-11-23",
        stopIds: orders.map((o) => o.stops[0]!.id),
        vehicles: [{ ...vehicle(vans[0]!), breaks: [{ start: "09:00", end: "09:30", durationMinutes: 45 }] }],
        timeLimitSeconds: 0.5,
      },
    });
    expect(res.status).toBe(202);
    const plan = await finished(((await res.json()) as PlanDto).id);
    expect(plan.unassigned).toEqual([]);
    const [route] = plan.routes;
    expect(route!.breaks).toHaveLength(1);
    const { startAt, endAt } = route!.breaks![0]!;
    expect(Date.parse(startAt)).toBeGreaterThanOrEqual(Date.parse("2026-11-23T09:00:00Z"));
    expect(Date.parse(startAt)).toBeLessThanOrEqual(Date.parse("2026-11-23T09:30:00Z"));
    expect(Date.parse(endAt) - Date.parse(startAt)).toBe(45 * 60_000);
    // No stop is served during the break.
    for (const stop of route!.stops)
      expect(
        Date.parse(stop.departureAt) <= Date.parse(startAt) ||
          Date.parse(stop.serviceAt) >= Date.parse(endAt),
      ).toBe(true);
  });

  it("answers bad plans with the field and the reason", async () => {
    const order = await readyOrder(0.4, 0.4);
    const post = (json: unknown) => system.api("/api/v1/plans", { method: "POST", json });
    const base = { date: "2026-11-23", stopIds: [order.stops[0]!.id] };
    const unknown = await post({ ...base, vehicles: [vehicle("veh_nope")] });
    expect(await unknown.json()).toMatchObject({ status: 422, errors: [{ field: "vehicles.0.vehicleId" }] });
    const backwards = await post({
      ...base,
      vehicles: [{ ...vehicle(vans[0]!), shift: { start: "17:00", end: "08:00" } }],
    });
    expect(await backwards.json()).toMatchObject({
      status: 422,
      errors: [{ field: "vehicles.0.shift.end" }],
    });
    const breakOutside = await post({
      ...base,
      vehicles: [{ ...vehicle(vans[0]!), breaks: [{ start: "18:00", end: "19:00", durationMinutes: 30 }] }],
    });
    expect(await breakOutside.json()).toMatchObject({
      status: 422,
      errors: [{ field: "vehicles.0.breaks.0" }],
    });
    const missing = await post({ ...base, stopIds: ["stp_nope"], vehicles: [vehicle(vans[0]!)] });
    expect(await missing.json()).toMatchObject({ status: 422, errors: [{ field: "stopIds.0" }] });
    const noVehicles = await post({ ...base, vehicles: [] });
    expect(await noVehicles.json()).toMatchObject({ status: 422, errors: [{ field: "vehicles" }] });
    const noBudget = await post({ ...base, vehicles: [vehicle(vans[0]!)], iterations: 0 });
    expect(await noBudget.json()).toMatchObject({ status: 422, errors: [{ field: "iterations" }] });
    expect((await system.api("/api/v1/plans/pln_nope")).status).toBe(404);
  });

  it("gives the same plan for the same request with a fixed search budget", async () => {
    const orders = await readyOrders(
      [
        [0.15, 0.2],
        [0.25, 0.75],
        [0.7, 0.3],
        [0.85, 0.85],
        [0.55, 0.15],
        [0.35, 0.45],
        [0.6, 0.6],
      ],
      25,
    );
    const request = {
      date: "2026-11-23",
      stopIds: orders.map((order) => order.stops[0]!.id),
      vehicles: vans.map(vehicle),
      iterations: 3000,
      seed: 7,
    };
    const plans: PlanDto[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await system.api("/api/v1/plans", { method: "POST", json: request });
      expect(res.status).toBe(202);
      plans.push(await finished(((await res.json()) as PlanDto).id));
    }
    const [first, second] = plans.map((plan) => {
      expect(plan).toMatchObject({ status: "succeeded", iterations: 3000 });
      // The budget, not the time limit (10 s by default), ended the search.
      expect(plan.progress?.iterations).toBe(3000);
      return plan.routes.map((route) => [route.vehicleId, route.stops.map((stop) => stop.stopId)]);
    });
    // More weight than one van carries: both vans used, and the order of their stops repeated.
    expect(first).toHaveLength(2);
    expect(second).toEqual(first);
  });
});
