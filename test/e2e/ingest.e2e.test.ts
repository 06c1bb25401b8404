import { DISPATCH_NAMESPACE, type VehiclePositionUpdate } from "@waybill/shared";
import mqtt from "mqtt";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  externalBroker,
  startTestSystem,
  type TestSystem,
  uniqueDeviceId,
} from "../support/system";

const t0 = Date.now() - 60_000;
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.stop());

interface Device {
  vehicleId: string;
  deviceId: string;
  secret: string;
}

async function createVehicle(deviceId: string, key = system.adminKey): Promise<Device> {
  const res = await system.api("/api/v1/vehicles", {
    method: "POST",
    key,
    json: { name: `Van ${deviceId}`, deviceId },
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; deviceSecret: string };
  return { vehicleId: body.id, deviceId, secret: body.deviceSecret };
}

async function connectDevice(device: Pick<Device, "deviceId" | "secret">) {
  return mqtt.connectAsync(system.mqttUrl, {
    username: device.deviceId,
    password: device.secret,
    reconnectPeriod: 0,
    clientId: `dev-${device.deviceId}`.replace("/", "-"),
  });
}

async function track(vehicleId: string): Promise<{ fixAt: number; lat: number }[]> {
  const res = await system.api(`/api/v1/vehicles/${vehicleId}/positions?from=${t0 - 3_600_000}`);
  return (await res.json()) as { fixAt: number; lat: number }[];
}

async function rejectedFor(
  deviceId: string,
): Promise<{ reason: string; detail: string; reportIndex: number | null }[]> {
  const res = await system.api("/api/v1/telemetry/rejected?limit=1000");
  const body = (await res.json()) as {
    items: { deviceId: string | null; reason: string; detail: string; reportIndex: number | null }[];
  };
  return body.items.filter((r) => r.deviceId === deviceId);
}

describe("telemetry ingest, end to end (MQTT -> pipeline -> database -> API)", () => {
  it("stores native messages, single and batched, and exposes the latest position", async () => {
    const device = await createVehicle(uniqueDeviceId("native"));
    const client = await connectDevice(device);
    const topic = `waybill/v1/devices/${device.deviceId}/telemetry`;
    await client.publishAsync(
      topic,
      JSON.stringify({ fixAt: new Date(t0).toISOString(), lat: 43.7, lng: 7.42, speedKmh: 20 }),
      { qos: 1 },
    );
    const batch = [1, 2, 3].map((i) => ({
      fixAt: t0 + i * 1000,
      lat: 43.7 + i * 0.0001,
      lng: 7.42,
      headingDeg: 10,
    }));
    await client.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
    await client.endAsync();
    const points = await eventually(
      async () => {
        const got = await track(device.vehicleId);
        return got.length === 4 ? got : undefined;
      },
      10_000,
      "4 stored positions",
    );
    expect(points.map((p) => p.fixAt)).toEqual([t0, t0 + 1000, t0 + 2000, t0 + 3000]);
    const vehicle = (await (await system.api(`/api/v1/vehicles/${device.vehicleId}`)).json()) as {
      position: { fixAt: number; lat: number };
    };
    expect(vehicle.position.fixAt).toBe(t0 + 3000);
    expect(vehicle.position.lat).toBeCloseTo(43.7003, 9);
  });

  it("stores OwnTracks locations and ignores other OwnTracks message types", async () => {
    const device = await createVehicle(`${uniqueDeviceId("alice")}/phone`);
    const client = await connectDevice(device);
    const topic = `owntracks/${device.deviceId}`;
    const tst = Math.floor(t0 / 1000);
    await client.publishAsync(
      topic,
      JSON.stringify({
        _type: "location",
        lat: 43.73,
        lon: 7.41,
        tst,
        vel: 12,
        cog: 90,
        acc: 8,
        batt: 77,
        tid: "al",
      }),
      { qos: 1 },
    );
    await client.publishAsync(
      topic,
      JSON.stringify({ _type: "transition", event: "enter", tst, lat: 43.73, lon: 7.41 }),
      { qos: 1 },
    );
    await client.endAsync();
    const points = await eventually(
      async () => {
        const got = await track(device.vehicleId);
        return got.length === 1 ? got : undefined;
      },
      10_000,
      "the OwnTracks position",
    );
    expect(points[0]).toMatchObject({
      fixAt: tst * 1000,
      lat: 43.73,
      lng: 7.41,
      speedKmh: 12,
      headingDeg: 90,
    });
    expect(await rejectedFor(device.deviceId)).toEqual([]);
  });

  it("keeps bad messages as dead letters with their reason, and the good reports of a mixed batch", async () => {
    const device = await createVehicle(uniqueDeviceId("bad"));
    const client = await connectDevice(device);
    const topic = `waybill/v1/devices/${device.deviceId}/telemetry`;
    await client.publishAsync(topic, "{not json", { qos: 1 });
    await client.publishAsync(
      topic,
      JSON.stringify([
        { fixAt: t0, lat: 43.7, lng: 7.4 },
        { fixAt: t0 + 1000, lat: 95, lng: 7.4 },
      ]),
      { qos: 1 },
    );
    await client.publishAsync(
      topic,
      JSON.stringify({ fixAt: t0 + 2000, lat: 43.7, lng: 7.4, speedKmh: "fast" }),
      { qos: 1 },
    );
    await client.endAsync();
    const rejects = await eventually(
      async () => {
        const got = await rejectedFor(device.deviceId);
        return got.length === 3 ? got : undefined;
      },
      10_000,
      "3 dead letters",
    );
    expect(rejects.map((r) => r.reason).sort()).toEqual([
      "invalid_coordinates",
      "invalid_schema",
      "malformed_json",
    ]);
    expect(rejects.find((r) => r.reason === "invalid_coordinates")).toMatchObject({ reportIndex: 1 });
    expect(rejects.find((r) => r.reason === "invalid_schema")?.detail).toContain("speedKmh");
    expect(await track(device.vehicleId)).toHaveLength(1);
    const metrics = await (await fetch(`${system.url}/metrics`)).text();
    expect(metrics).toMatch(/waybill_telemetry_rejected_total\{reason="malformed_json"\} [1-9]/);
  });

  it("stores nothing twice when a device sends the same message again", async () => {
    const device = await createVehicle(uniqueDeviceId("dup"));
    const client = await connectDevice(device);
    const topic = `waybill/v1/devices/${device.deviceId}/telemetry`;
    const payload = JSON.stringify([0, 1, 2].map((i) => ({ fixAt: t0 + i * 1000, lat: 43.7, lng: 7.4 })));
    await client.publishAsync(topic, payload, { qos: 1 });
    await eventually(async () => ((await track(device.vehicleId)).length === 3 ? true : undefined));
    await client.publishAsync(topic, payload, { qos: 1 });
    await eventually(async () => ((await rejectedFor(device.deviceId)).length > 0 ? true : undefined));
    await client.endAsync();
    expect(await track(device.vehicleId)).toHaveLength(3);
  });

  it("sends positions to dispatchers as batched vehicle:positions frames", async () => {
    const devices = await Promise.all([1, 2, 3].map(() => createVehicle(uniqueDeviceId("live"))));
    const socket: Socket = io(`${system.url}${DISPATCH_NAMESPACE}`, {
      auth: { token: system.adminKey },
      transports: ["websocket"],
    });
    const frames: VehiclePositionUpdate[][] = [];
    socket.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => frames.push(batch));
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    const clients = await Promise.all(devices.map(connectDevice));
    const messages = 10;
    for (let i = 0; i < messages; i++) {
      await Promise.all(
        clients.map((c, k) =>
          c.publishAsync(
            `waybill/v1/devices/${devices[k]!.deviceId}/telemetry`,
            JSON.stringify({ fixAt: Date.now() - 1000 + i, lat: 43.7 + i * 1e-4, lng: 7.4 }),
            { qos: 1 },
          ),
        ),
      );
    }
    const ours = new Set(devices.map((d) => d.vehicleId));
    await eventually(
      () => {
        const latest = frames.flat().filter((u) => ours.has(u.vehicleId) && u.lat > 43.7 + 8.5e-4);
        return new Set(latest.map((u) => u.vehicleId)).size === 3 ? true : undefined;
      },
      10_000,
      "the last position of each vehicle",
    );
    const updates = frames.flat().filter((u) => ours.has(u.vehicleId)).length;
    expect(frames.length).toBeLessThan(messages * 3);
    expect(updates).toBeLessThan(messages * 3);
    expect(frames.every((f) => new Set(f.map((u) => u.vehicleId)).size === f.length)).toBe(true);
    socket.close();
    await Promise.all(clients.map((c) => c.endAsync()));
  });
});

describe.skipIf(externalBroker)(
  "embedded broker authentication (skipped against an external broker: its own ACLs apply)",
  () => {
    it("refuses a device with a wrong secret", async () => {
      const device = await createVehicle(uniqueDeviceId("auth"));
      await expect(connectDevice({ ...device, secret: "wrong" })).rejects.toThrow(
        /Bad username or password|Not authorized/i,
      );
    });

    it("does not let a device publish as another device", async () => {
      const [honest, other] = await Promise.all([
        createVehicle(uniqueDeviceId("honest")),
        createVehicle(uniqueDeviceId("victim")),
      ]);
      const client = await connectDevice(honest);
      client.on("error", () => {});
      const attempt = client.publishAsync(
        `waybill/v1/devices/${other.deviceId}/telemetry`,
        JSON.stringify({ fixAt: t0, lat: 43.7, lng: 7.4 }),
        { qos: 1 },
      );
      await Promise.race([attempt.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1500))]);
      client.end(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await track(other.vehicleId)).toHaveLength(0);
      const metrics = await (await fetch(`${system.url}/metrics`)).text();
      expect(metrics).toMatch(/waybill_telemetry_rejected_total\{reason="topic_not_allowed"\} [1-9]/);
    });

    it("does not let a device subscribe to telemetry", async () => {
      const device = await createVehicle(uniqueDeviceId("spy"));
      const client = await connectDevice(device);
      const granted = await client
        .subscribeAsync("waybill/v1/devices/+/telemetry", { qos: 1 })
        .catch(() => [{ qos: 128 }]);
      expect(granted[0]?.qos).toBe(128);
      await client.endAsync();
    });
  },
);
