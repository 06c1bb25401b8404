import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { eventually, startTestSystem, uniqueDeviceId } from "../support/system";

describe("server lifecycle", () => {
  it("loses nothing a device had acknowledged across a graceful stop and a restart; keyed requests and tracking links survive it", async () => {
    const first = await startTestSystem();
    const deviceId = uniqueDeviceId("stop");
    const res = await first.api("/api/v1/vehicles", { method: "POST", json: { name: "Stopper", deviceId } });
    const { id, deviceSecret } = (await res.json()) as { id: string; deviceSecret: string };
    const client = await mqtt.connectAsync(first.mqttUrl, {
      username: deviceId,
      password: deviceSecret,
      reconnectPeriod: 0,
    });
    const t0 = Date.now() - 3_600_000;
    const count = 500;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.publishAsync(
          `waybill/v1/devices/${deviceId}/telemetry`,
          JSON.stringify({ fixAt: t0 + i * 1000, lat: 43.7 + i * 1e-5, lng: 7.4 }),
          { qos: 1 },
        ),
      ),
    );
    await client.endAsync();
    const order = {
      channel: "web",
      customer: { name: "Restart" },
      destination: { address: "Quai", lat: 43.73, lng: 7.42 },
      items: [{ sku: "X", quantity: 1 }],
    };
    const keyed = { method: "POST", json: order, headers: { "idempotency-key": uniqueDeviceId("restart") } };
    const created = (await (await first.api("/api/v1/orders", keyed)).json()) as {
      id: string;
      trackingUrl: string;
    };
    await first.close();

    const second = await startTestSystem({ reuse: first.storage });
    try {
      const stored = await eventually(
        async () => {
          const track = (await (
            await second.api(`/api/v1/vehicles/${id}/positions?from=${t0}&to=${t0 + count * 1000}`)
          ).json()) as unknown[];
          return track.length === count ? track.length : undefined;
        },
        15_000,
        `all ${count} positions`,
      );
      expect(stored).toBe(count);
      const retry = await second.api("/api/v1/orders", keyed);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(((await retry.json()) as { id: string }).id).toBe(created.id);
      const token = created.trackingUrl.split("/track/")[1];
      expect((await second.api(`/api/v1/track/${token}`, { key: null })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("refuses to start with a clear error when the database is unreachable", async () => {
    await expect(
      startTestSystem({ env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" } }),
    ).rejects.toThrow(/database unreachable/);
  });
});
