import type { AlertDto, OrderDetailDto, OrderDto } from "@waybill/shared";
import { addGpsNoise } from "@waybill/telematics/simulator/gps-noise";
import { createRouteWalker } from "@waybill/telematics/simulator/route-walker";
import { createSeededRandom } from "@waybill/telematics/simulator/seeded-random";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { type BBox, networkBox, pointIn } from "../support/road-network";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let bbox: BBox;

const at = (fx: number, fy: number) => pointIn(bbox, fx, fy);

beforeAll(async () => {
  system = await startTestSystem();
  bbox = await networkBox(system);
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
    // Progress on the route behind the ETA: the second stop is still kilometres of road away.
    // (Distance driven counts from the latest route, which restarts at an arrival: its growth
    // is covered by the odometer and route-progress unit tests, not by this snapshot.)
    const progress = late.stops[0]!.eta!;
    expect(progress.drivenM).toBeGreaterThanOrEqual(0);
    expect(progress.remainingM).toBeGreaterThan(500);
    expect(progress.drivingS).toBeGreaterThan(0);
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
      features: {
        geometry: { type: string; coordinates: unknown[] };
        properties: { kind: string; stopId?: string };
      }[];
    };
    const kinds = history.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === "trip")).toHaveLength(1);
    expect(history.features.find((f) => f.properties.kind === "stop")?.properties.stopId).toBe(
      onTime.stops[0]!.id,
    );
    const gpx = await system.api(`/api/v1/vehicles/${van.id}/trips?date=${day}&format=gpx`);
    expect(gpx.headers.get("content-type")).toContain("application/gpx+xml");
    // One track point per vertex of the trip's line (matched to the roads).
    const trip = history.features.find((f) => f.properties.kind === "trip")!;
    expect(trip.geometry.coordinates.length).toBeGreaterThan(2);
    expect((await gpx.text()).match(/<trkpt /g)?.length).toBe(trip.geometry.coordinates.length);
  });
});

describe("live tracking off the planned route", () => {
  it("raises off_route once on a detour, lists it for dispatchers and clears it when the van is back", async () => {
    const deviceId = uniqueDeviceId("off");
    const created = await system.api("/api/v1/vehicles", {
      method: "POST",
      json: { name: "Detour van", deviceId },
    });
    const van = (await created.json()) as { id: string; deviceSecret: string };
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const depot = at(0.25, 0.3);
    const destination = at(0.75, 0.35);
    const placed = await order(destination, { start: iso(now - 3_600_000), end: iso(now + 3 * 3_600_000) });
    await system.api(`/api/v1/stops/${placed.stops[0]!.id}/assign`, {
      method: "POST",
      json: { vehicleId: van.id, sequence: 0 },
    });
    const road = (await (
      await system.api(
        `/api/v1/route?points=${depot.lng},${depot.lat};${destination.lng},${destination.lat}&steps=false`,
      )
    ).json()) as { geometry: { coordinates: [number, number][] } };
    const walker = createRouteWalker(road.geometry.coordinates);
    const random = createSeededRandom(6);
    const fixes: Fix[] = [];
    let t = now - 12 * 60_000;
    /** Fixes every 5 s at 36 km/h from `fromM` to `toM` along the road, `sideM` to its right. */
    const driveAlong = (fromM: number, toM: number, sideM: number) => {
      for (let m = fromM; m < toM; m += 50, t += 5000) {
        const { position, bearingDeg } = walker.positionAt(Math.min(m, walker.lengthM));
        const right = ((bearingDeg + 90) * Math.PI) / 180;
        const shifted: [number, number] = [
          position[0] + (Math.sin(right) * sideM) / (111_195 * Math.cos((position[1] * Math.PI) / 180)),
          position[1] + (Math.cos(right) * sideM) / 111_195,
        ];
        const [lng, lat] = addGpsNoise(shifted, 4, random);
        fixes.push({ fixAt: t, lat, lng, speedKmh: 36 });
      }
    };
    const detourFromM = walker.lengthM * 0.25;
    driveAlong(0, detourFromM, 0);
    driveAlong(detourFromM, detourFromM + 1_000, 250);
    driveAlong(detourFromM + 1_000, walker.lengthM, 0);
    fixes.push(...stand(destination, t, 60));
    const client = await mqtt.connectAsync(system.mqttUrl, {
      username: deviceId,
      password: van.deviceSecret,
      reconnectPeriod: 0,
    });
    for (const fix of fixes)
      await client.publishAsync(`waybill/v1/devices/${deviceId}/telemetry`, JSON.stringify(fix), { qos: 1 });
    await client.endAsync();

    const offRoute = await eventually(async () => {
      const all = (await (await system.api("/api/v1/alerts")).json()) as AlertDto[];
      const mine = all.filter((a) => a.kind === "off_route" && a.vehicleId === van.id);
      return mine.length > 0 && mine.every((a) => a.clearedAt !== null) ? mine : undefined;
    }, 60_000); // 170 fixes evaluated in order, two fresh routes: slow on a loaded machine
    expect(offRoute).toHaveLength(1);
    expect(offRoute[0]!.stopId).toBe(placed.stops[0]!.id);
    expect(offRoute[0]!.detail).toMatch(/m off its planned route/);
    const arrived = await eventually(async () => {
      const o = await detail(placed.id);
      return o.stops[0]?.status === "arrived" ? o : undefined;
    }, 20_000);
    expect(arrived.milestone).toBe("arriving");
    const etas = (await system.database.db.select().from(outboxEvents)).filter(
      (e) => e.orderId === placed.id && e.type === "shipment.eta_updated",
    );
    expect(etas.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
