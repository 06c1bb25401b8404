import type { OrderDetailDto, OrderDto, ProposalDto } from "@waybill/shared";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { type BBox, networkBox, pointIn } from "../support/road-network";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let bbox: BBox;
const PASSWORD = "a long enough password";

const at = (fx: number, fy: number) => pointIn(bbox, fx, fy);

beforeAll(async () => {
  // No pacing between triggered proposals: each test's trigger is answered at once.
  system = await startTestSystem({ env: { CONTINGENCY_COOLDOWN_MINUTES: "0" } });
  bbox = await networkBox(system);
});
afterAll(() => system?.stop());

async function van(name: string) {
  const deviceId = uniqueDeviceId(name);
  const res = await system.api("/api/v1/vehicles", { method: "POST", json: { name, deviceId } });
  const { id, deviceSecret } = (await res.json()) as { id: string; deviceSecret: string };
  return { id, deviceId, deviceSecret };
}

/** One fix, driving, at a point: the van has left the depot with its load. */
async function drivingAt(
  device: { deviceId: string; deviceSecret: string },
  point: { lat: number; lng: number },
) {
  const client = await mqtt.connectAsync(system.mqttUrl, {
    username: device.deviceId,
    password: device.deviceSecret,
    reconnectPeriod: 0,
  });
  await client.publishAsync(
    `waybill/v1/devices/${device.deviceId}/telemetry`,
    JSON.stringify({ fixAt: Date.now() - 1000, ...point, speedKmh: 30 }),
    { qos: 1 },
  );
  await client.endAsync();
}

async function assignedOrder(
  point: { lat: number; lng: number },
  vehicleId: string,
  sequence: number,
): Promise<OrderDto> {
  const res = await system.api("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      externalRef: uniqueDeviceId("C"),
      customer: { name: "C" },
      destination: { address: "x", ...point },
      items: [{ sku: "BOX", quantity: 1, weightKg: 2 }],
    },
  });
  const order = (await res.json()) as OrderDto;
  await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
  await system.api(`/api/v1/stops/${order.stops[0]!.id}/assign`, {
    method: "POST",
    json: { vehicleId, sequence },
  });
  return order;
}

const detail = async (id: string) =>
  (await (await system.api(`/api/v1/orders/${id}`)).json()) as OrderDetailDto;

/**
 * Waits until tracking has taken each van's departure: its first order out for delivery and that
 * stop en route (two commits). A proposal made before both would see routes about to change, and
 * its approval would rightly be refused as superseded.
 */
async function underWay(...firstOrders: { id: string }[]): Promise<void> {
  for (const order of firstOrders)
    await eventually(async () => {
      const { status, stops } = await detail(order.id);
      return status === "out_for_delivery" && stops[0]?.status === "en_route" ? true : undefined;
    });
}

describe("contingency re-routing", () => {
  it("moves a broken-down van's deliveries to a working van, approved by a dispatcher", async () => {
    const [a, b] = [await van("A"), await van("B")];
    const onA = [await assignedOrder(at(0.3, 0.3), a.id, 0), await assignedOrder(at(0.35, 0.4), a.id, 1)];
    const onB = [await assignedOrder(at(0.7, 0.7), b.id, 0), await assignedOrder(at(0.75, 0.6), b.id, 1)];
    await drivingAt(a, at(0.25, 0.25));
    await drivingAt(b, at(0.65, 0.65));
    await underWay(onA[0]!, onB[0]!);

    const email = `${uniqueDeviceId("drv")}@example.com`;
    await system.api("/api/v1/users", {
      method: "POST",
      json: { email, name: "Bo", password: PASSWORD, role: "driver" },
    });
    const session = await system.api("/api/v1/auth/sessions", {
      method: "POST",
      key: null,
      json: { email, password: PASSWORD },
    });
    const token = ((await session.json()) as { token: string }).token;
    await system.api("/api/v1/driver/shift", { method: "POST", key: token, json: { vehicleId: b.id } });
    const incident = await system.api("/api/v1/driver/incidents", {
      method: "POST",
      key: token,
      json: { kind: "breakdown", note: "engine" },
    });
    expect(incident.status).toBe(201);

    const proposal = await eventually(async () => {
      const list = (await (await system.api("/api/v1/proposals")).json()) as ProposalDto[];
      return list.find((p) => p.trigger.kind === "breakdown" && p.trigger.vehicleId === b.id);
    }, 20_000);
    expect(proposal.status).toBe("proposed");
    expect(proposal.why).toBe("a vehicle is out of service: its stops must move");
    const moved = proposal.changes.filter((c) => c.fromVehicleId === b.id);
    expect(moved.map((c) => c.toVehicleId)).toEqual([a.id, a.id]);
    expect(moved.every((c) => c.etaAfter !== null)).toBe(true);
    expect(proposal.summary?.moved).toBe(2);
    expect(
      proposal.changes.filter((c) => c.fromVehicleId === a.id).every((c) => c.toVehicleId === a.id),
    ).toBe(true);

    const approved = (await (
      await system.api(`/api/v1/proposals/${proposal.id}/approve`, { method: "POST" })
    ).json()) as ProposalDto;
    expect(approved.status).toBe("approved");
    for (const order of onB) {
      const now = await detail(order.id);
      expect(now.stops[0]?.vehicleId).toBe(a.id);
    }
    const rerouted = (await system.database.db.select().from(outboxEvents)).filter(
      (e) => e.type === "shipment.rerouted",
    );
    expect(rerouted.map((e) => e.orderId).sort()).toEqual(onB.map((o) => o.id).sort());
    expect((await system.api(`/api/v1/proposals/${proposal.id}/approve`, { method: "POST" })).status).toBe(
      409,
    );
    expect(onA).toHaveLength(2);
  });

  it("refuses to carry out a proposal whose routes changed meanwhile, and asks which vehicle broke down", async () => {
    const c = await van("C");
    const order = await assignedOrder(at(0.5, 0.2), c.id, 0);
    await assignedOrder(at(0.55, 0.25), c.id, 1);
    const res = await system.api("/api/v1/proposals", {
      method: "POST",
      json: { trigger: "breakdown", vehicleId: c.id },
    });
    const proposal = (await res.json()) as ProposalDto;
    expect(proposal.status).toBe("proposed");
    await system.api(`/api/v1/stops/${order.stops[0]!.id}/unassign`, { method: "POST", json: {} });
    const stale = await system.api(`/api/v1/proposals/${proposal.id}/approve`, { method: "POST" });
    expect(await stale.json()).toMatchObject({ status: 409, currentState: "superseded" });
    const missing = await system.api("/api/v1/proposals", { method: "POST", json: { trigger: "breakdown" } });
    expect(await missing.json()).toMatchObject({ status: 422, errors: [{ field: "vehicleId" }] });
    const silent = await system.api("/api/v1/proposals", {
      method: "POST",
      json: { trigger: "vehicle_offline" },
    });
    expect(await silent.json()).toMatchObject({ status: 422, errors: [{ field: "vehicleId" }] });
  });

  it("carries out a proposal a dispatcher edited: the stops they keep stay where they are", async () => {
    const [f, g] = [await van("F"), await van("G")];
    const onF = await assignedOrder(at(0.1, 0.9), f.id, 0);
    const onG = [await assignedOrder(at(0.9, 0.1), g.id, 0), await assignedOrder(at(0.95, 0.15), g.id, 1)];
    await drivingAt(f, at(0.1, 0.85));
    await drivingAt(g, at(0.9, 0.05));
    await underWay(onF, onG[0]!);
    const res = await system.api("/api/v1/proposals", {
      method: "POST",
      json: { trigger: "breakdown", vehicleId: g.id },
    });
    const proposal = (await res.json()) as ProposalDto;
    const movedOffG = proposal.changes.filter((c) => c.fromVehicleId === g.id && c.toVehicleId !== g.id);
    expect(movedOffG.length).toBeGreaterThanOrEqual(2);
    const [kept, ...moved] = movedOffG;

    const unknown = await system.api(`/api/v1/proposals/${proposal.id}/approve`, {
      method: "POST",
      json: { keepStopIds: ["stp_not_in_it"] },
    });
    expect(await unknown.json()).toMatchObject({ status: 422, errors: [{ field: "keepStopIds" }] });

    const approved = await system.api(`/api/v1/proposals/${proposal.id}/approve`, {
      method: "POST",
      json: { keepStopIds: [kept!.stopId] },
    });
    expect(await approved.json()).toMatchObject({ status: "approved" });
    expect((await detail(kept!.orderId)).stops[0]?.vehicleId).toBe(g.id);
    for (const change of moved)
      expect((await detail(change.orderId)).stops[0]?.vehicleId).toBe(change.toVehicleId);
  });

  it("proposes a re-plan for an urgent order due today, left for review by default", async () => {
    const policy = await (await system.api("/api/v1/contingency-policy")).json();
    expect(policy).toMatchObject({ autoApply: false, updatedAt: null });
    const soon = new Date(Date.now() + 2 * 3_600_000);
    const res = await system.api("/api/v1/orders", {
      method: "POST",
      json: {
        channel: "phone",
        externalRef: uniqueDeviceId("URGENT"),
        customer: { name: "U" },
        destination: { address: "x", ...at(0.45, 0.45) },
        timeWindows: [{ start: new Date().toISOString(), end: soon.toISOString() }],
        items: [{ sku: "MEDS", quantity: 1 }],
        priority: 90,
      },
    });
    const urgent = (await res.json()) as OrderDto;
    const proposal = await eventually(async () => {
      const list = (await (await system.api("/api/v1/proposals")).json()) as ProposalDto[];
      return list.find((p) => p.trigger.kind === "new_orders");
    }, 20_000);
    expect(proposal.trigger.detail).toBe(`urgent order ${urgent.externalRef}`);
    expect(proposal.decidedBy).toBeNull();
  });

  it("applies a breakdown's proposal at once when the organisation's policy allows it", async () => {
    const limits = {
      autoApply: true,
      maxMovedStops: 50,
      maxExtraDistanceM: 1_000_000,
      maxExtraDurationS: 86_400,
    };
    const put = await system.api("/api/v1/contingency-policy", { method: "PUT", json: limits });
    expect(await put.json()).toMatchObject(limits);
    const [d, e] = [await van("D"), await van("E")];
    const onD = await assignedOrder(at(0.2, 0.6), d.id, 0);
    const onE = [await assignedOrder(at(0.8, 0.3), e.id, 0), await assignedOrder(at(0.85, 0.35), e.id, 1)];
    await drivingAt(d, at(0.2, 0.55));
    await drivingAt(e, at(0.8, 0.25));
    await underWay(onD, onE[0]!);

    const email = `${uniqueDeviceId("drv")}@example.com`;
    await system.api("/api/v1/users", {
      method: "POST",
      json: { email, name: "Ed", password: PASSWORD, role: "driver" },
    });
    const session = await system.api("/api/v1/auth/sessions", {
      method: "POST",
      key: null,
      json: { email, password: PASSWORD },
    });
    const token = ((await session.json()) as { token: string }).token;
    await system.api("/api/v1/driver/shift", { method: "POST", key: token, json: { vehicleId: e.id } });
    await system.api("/api/v1/driver/incidents", { method: "POST", key: token, json: { kind: "breakdown" } });

    const applied = await eventually(async () => {
      const list = (await (await system.api("/api/v1/proposals")).json()) as ProposalDto[];
      const mine = list.find((p) => p.trigger.kind === "breakdown" && p.trigger.vehicleId === e.id);
      return mine && mine.status !== "proposed" ? mine : undefined;
    }, 20_000);
    expect(applied).toMatchObject({ status: "approved", decidedBy: "auto-apply" });
    for (const order of onE) expect((await detail(order.id)).stops[0]?.vehicleId).not.toBe(e.id);
  });
});
