import type { AlertDto, OrderDetailDto, OrderDto } from "@waybill/shared";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let bbox: [number, number, number, number];

/** A point at fractions (fx, fy) of the road network's bounding box. */
const at = (fx: number, fy: number) => ({
  lng: bbox[0] + (bbox[2] - bbox[0]) * fx,
  lat: bbox[1] + (bbox[3] - bbox[1]) * fy,
});

beforeAll(async () => {
  system = await startTestSystem();
  const roads = (await (await system.api("/api/v1/map/streets")).json()) as {
    features: { geometry: { coordinates: [number, number][] } }[];
  };
  const all = roads.features.flatMap((f) => f.geometry.coordinates);
  bbox = [
    Math.min(...all.map((c) => c[0])),
    Math.min(...all.map((c) => c[1])),
    Math.max(...all.map((c) => c[0])),
    Math.max(...all.map((c) => c[1])),
  ];
});
afterAll(() => system?.stop());

interface Fix {
  fixAt: number;
  lat: number;
  lng: number;
  speedKmh: number;
}

/** Fixes every `stepS` seconds on a straight line from `a` to `b` at `kmh`, starting at `t`. */
function drive(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
  t: number,
  kmh: number,
  stepS = 5,
): Fix[] {
  const metres = Math.hypot(
    (b.lat - a.lat) * 111_320,
    (b.lng - a.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180),
  );
  const steps = Math.max(1, Math.ceil(metres / ((kmh / 3.6) * stepS)));
  return Array.from({ length: steps + 1 }, (_, i) => ({
    fixAt: t + i * stepS * 1000,
    lat: a.lat + ((b.lat - a.lat) * i) / steps,
    lng: a.lng + ((b.lng - a.lng) * i) / steps,
    speedKmh: kmh,
  }));
}

/** Standing at `p` for `seconds`, fixes every 5 s, with a few metres of drift. */
const stand = (p: { lat: number; lng: number }, t: number, seconds: number): Fix[] =>
  Array.from({ length: seconds / 5 + 1 }, (_, i) => ({
    fixAt: t + i * 5000,
    lat: p.lat + (i % 3) * 2e-5,
    lng: p.lng - (i % 2) * 2e-5,
    speedKmh: 0,
  }));

async function order(
  place: { lat: number; lng: number },
  window: { start: string; end: string },
): Promise<OrderDto> {
  const res = await system.api("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      externalRef: uniqueDeviceId("T"),
      customer: { name: "Tracked" },
      destination: { address: "on the map", ...place },
      timeWindows: [window],
      items: [{ sku: "BOX", quantity: 1 }],
      serviceTimeSeconds: 60,
    },
  });
  const created = (await res.json()) as OrderDto;
  await system.api(`/api/v1/orders/${created.id}/status`, { method: "POST", json: { status: "ready" } });
  return created;
}

const detail = async (id: string) =>
  (await (await system.api(`/api/v1/orders/${id}`)).json()) as OrderDetailDto;

describe("live tracking of a van on its route", () => {
  it("departs, arrives at its first stop from GPS, keeps ETAs and flags the stop it will be late for", async () => {
    const deviceId = uniqueDeviceId("trk");
    const created = await system.api("/api/v1/vehicles", {
      method: "POST",
      json: { name: "Tracked van", deviceId },
    });
    const van = (await created.json()) as { id: string; deviceSecret: string };
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const depot = at(0.5, 0.5);
    const first = at(0.55, 0.52);
    const second = at(0.9, 0.9);
    const onTime = await order(first, { start: iso(now - 3_600_000), end: iso(now + 3 * 3_600_000) });
    // The second window closed five minutes ago: past the 5-minute grace whatever the road.
    const tooSoon = await order(second, { start: iso(now - 3_600_000), end: iso(now - 300_000) });
    for (const [sequence, o] of [onTime, tooSoon].entries())
      await system.api(`/api/v1/stops/${o.stops[0]!.id}/assign`, {
        method: "POST",
        json: { vehicleId: van.id, sequence },
      });

    const start = now - 10 * 60_000;
    const fixes = [...drive(depot, first, start, 30)];
    fixes.push(...stand(first, fixes.at(-1)!.fixAt + 5000, 90));
    const client = await mqtt.connectAsync(system.mqttUrl, {
      username: deviceId,
      password: van.deviceSecret,
      reconnectPeriod: 0,
    });
    for (const fix of fixes)
      await client.publishAsync(`waybill/v1/devices/${deviceId}/telemetry`, JSON.stringify(fix), { qos: 1 });
    await client.endAsync();

    const arrived = await eventually(async () => {
      const o = await detail(onTime.id);
      return o.stops[0]?.status === "arrived" ? o : undefined;
    }, 20_000);
    expect(arrived.status).toBe("out_for_delivery");
    expect(arrived.milestone).toBe("arriving");
    const arrival = Date.parse(arrived.stops[0]!.arrivedAt!);
    const reachedAt = fixes.find((fix) => Math.abs(fix.lat - first.lat) < 1e-9)!.fixAt;
    expect(Math.abs(arrival - reachedAt)).toBeLessThanOrEqual(30_000);
    expect(
      arrived.timeline.find((e) => e.type === "stop.status_changed" && e.to === "arrived")?.actor,
    ).toEqual({
      kind: "system",
      id: "tracking",
    });

    const late = await eventually(async () => {
      const o = await detail(tooSoon.id);
      return o.exception === "delayed" ? o : undefined;
    }, 20_000);
    expect(late.milestone).toBe("exception");
    expect(late.stops[0]?.eta?.at).toBeDefined();
    expect(Date.parse(late.eta!)).toBeGreaterThan(now);

    const alerts = (await (await system.api("/api/v1/alerts?open=true")).json()) as AlertDto[];
    expect(alerts.filter((a) => a.kind === "late_for_window" && a.orderId === tooSoon.id)).toHaveLength(1);
    const events = (await system.database.db.select().from(outboxEvents)).filter(
      (e) => e.orderId === tooSoon.id,
    );
    expect(events.filter((e) => e.type === "shipment.delayed")).toHaveLength(1);
    expect(events.filter((e) => e.type === "shipment.eta_updated").length).toBeGreaterThanOrEqual(1);
    const ack = await system.api(`/api/v1/alerts/${alerts[0]!.id}/acknowledge`, { method: "POST" });
    expect(((await ack.json()) as AlertDto).acknowledgedAt).not.toBeNull();

    const day = new Date(start).toISOString().slice(0, 10);
    const history = (await (await system.api(`/api/v1/vehicles/${van.id}/trips?date=${day}`)).json()) as {
      features: { geometry: { type: string }; properties: { kind: string; stopId?: string } }[];
    };
    const kinds = history.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === "trip")).toHaveLength(1);
    expect(history.features.find((f) => f.properties.kind === "stop")?.properties.stopId).toBe(
      onTime.stops[0]!.id,
    );
    const gpx = await system.api(`/api/v1/vehicles/${van.id}/trips?date=${day}&format=gpx`);
    expect(gpx.headers.get("content-type")).toContain("application/gpx+xml");
    expect((await gpx.text()).match(/<trkpt /g)?.length).toBeGreaterThan(10);
  });
});
