import { connect as connectTcp } from "node:net";
import { ERROR_CODES } from "@waybill/shared";
import fc from "fast-check";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

/**
 * Hostile and broken input against the whole running system: every operation of the served
 * OpenAPI document gets random bodies, path parameters and query strings (fast-check, a bounded
 * number of cases so CI stays quick); deeply nested JSON, slow clients and a flooding device are
 * tried on top. Whatever arrives, the answer is a 4xx problem naming the trouble, never a 5xx,
 * and the server keeps answering.
 */

let system: TestSystem;
let operations: Operation[];

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly hasBody: boolean;
  readonly queryNames: readonly string[];
}

beforeAll(async () => {
  // A slow refill (one message every 2 s) keeps the flood test's count independent of how fast
  // a busy machine gets the flood through.
  system = await startTestSystem({
    env: { HTTP_HEADERS_TIMEOUT_SECONDS: "1", DEVICE_RATE_LIMIT_PER_SECOND: "0.5" },
  });
  const document = (await (await system.api("/api/openapi.json")).json()) as {
    paths: Record<
      string,
      Record<string, { requestBody?: unknown; parameters?: { name: string; in: string }[] }>
    >;
  };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      // A DELETE without an id acts on the caller itself (signing out): it would end the test's session.
      .filter(([method]) => method !== "delete" || path.includes("{"))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        hasBody: operation.requestBody !== undefined,
        queryNames: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      })),
  );
}, 60_000);
afterAll(() => system?.stop());

/** Strings an attacker tries in ids and query values. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "' OR 1=1 --",
    "1; DROP TABLE orders",
    "%00",
    "$\u007bjndi:ldap://x}", // a log4j lookup
    "<script>alert(1)</script>",
    "9".repeat(400),
    "-1",
    "NaN",
    "__proto__",
    "constructor",
  ),
);

/** The operation's path with each `{param}` replaced by `value`, percent-encoded. */
const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

async function expectHandled(response: Response, what: string): Promise<void> {
  const text = await response.text();
  expect(response.status, `${what} answered ${response.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers.get("content-type"), what).toContain("application/problem+json");
  const problem = JSON.parse(text) as { status: number; code: string; detail?: string };
  expect(problem.status, what).toBe(response.status);
  expect(ERROR_CODES, what).toContain(problem.code);
}

describe("hostile input over HTTP", () => {
  it("answers random bodies on every documented operation with a problem, never a server error", async () => {
    const withBody = operations.filter((op) => op.hasBody);
    expect(withBody.length).toBeGreaterThan(20);
    for (const op of withBody) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), nasty, async (body, id) => {
          const path = fill(op.path, id);
          const response = await system.api(path, { method: op.method, json: body });
          await expectHandled(response, `${op.method} ${path} with ${JSON.stringify(body).slice(0, 200)}`);
        }),
        { numRuns: 12, seed: 42 },
      );
    }
  }, 180_000);

  it("answers hostile ids and query values on every documented operation with a problem", async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(
          nasty,
          fc.dictionary(fc.constantFrom(...op.queryNames, "x"), nasty),
          async (id, q) => {
            const path = `${fill(op.path, id)}?${new URLSearchParams(q)}`;
            const response = await system.api(path, {
              method: op.method,
              ...(op.hasBody ? { json: {} } : {}),
            });
            await expectHandled(response, `${op.method} ${path}`);
          },
        ),
        { numRuns: 8, seed: 7 },
      );
    }
  }, 180_000);

  it("refuses deeply nested JSON and bodies that are not JSON", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    for (const body of [deep, `{"a":${deep}}`, "\u0000\u0001", "null", "[]", '"text"']) {
      const response = await system.api("/api/v1/orders", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      await expectHandled(response, `nested/odd body ${body.slice(0, 20)}`);
    }
  });

  it("cuts off a client that sends its headers too slowly, while others are served", async () => {
    const socket = connectTcp(Number(new URL(system.url).port), "127.0.0.1");
    const closed = new Promise<string>((resolve) => {
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString();
      });
      socket.on("close", () => resolve(answer));
      socket.on("error", () => resolve(answer));
    });
    socket.write("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n");
    const trickle = setInterval(() => socket.write("X-Slow: a\r\n"), 300);
    try {
      // Meanwhile a normal client is answered at once.
      expect((await system.api("/healthz")).status).toBe(200);
      const answer = await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  }, 20_000);
});

/** A new vehicle with a device, and that device connected to the broker with its own credentials. */
async function connectedDevice(prefix: string, name: string) {
  const deviceId = uniqueDeviceId(prefix);
  const vehicle = (await (
    await system.api("/api/v1/vehicles", { method: "POST", json: { name, deviceId } })
  ).json()) as { id: string; deviceSecret: string };
  const client = await mqtt.connectAsync(system.mqttUrl, {
    clientId: `dev-${deviceId}`,
    username: deviceId,
    password: vehicle.deviceSecret,
    reconnectPeriod: 0,
  });
  return { deviceId, vehicle, client };
}

describe("hostile input over MQTT", () => {
  it("dead-letters payloads with bytes PostgreSQL text cannot hold, and goes on ingesting", async () => {
    const { deviceId, vehicle, client } = await connectedDevice("nul", "Binary");
    const topic = `waybill/v1/devices/${deviceId}/telemetry`;
    await client.publishAsync(topic, Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x22, 0x00, 0x7d]), { qos: 1 });
    await client.publishAsync(topic, JSON.stringify({ fixAt: Date.now() - 1000, lat: 43.73, lng: 7.42 }), {
      qos: 1,
    });
    await client.endAsync();
    const rejected = await eventually(async () => {
      const page = (await (await system.api("/api/v1/telemetry/rejected?limit=50")).json()) as {
        items: { deviceId: string; reason: string; payloadExcerpt: string }[];
      };
      return page.items.find((row) => row.deviceId === deviceId);
    });
    expect(rejected.reason).toBe("malformed_json");
    expect(rejected.payloadExcerpt).toContain("\\u0000");
    await eventually(async () => {
      const track = (await (
        await system.api(`/api/v1/vehicles/${vehicle.id}/positions`)
      ).json()) as unknown[];
      return track.length === 1 ? true : undefined;
    });
  });

  it("dead-letters sensor values no column can hold, stores tiny ones, and goes on ingesting", async () => {
    const { deviceId, vehicle, client } = await connectedDevice("huge", "Huge");
    const topic = `waybill/v1/devices/${deviceId}/telemetry`;
    const at = Date.now() - 5_000;
    // Beyond a 4-byte float (1e300) and JSON's Infinity (1e400): each once failed its whole batch
    // at every retry. A speed too small for one (1e-300) is a real value, stored as 0.
    await client.publishAsync(topic, `{"fixAt":${at},"lat":43.73,"lng":7.42,"altitudeM":1e300}`, { qos: 1 });
    await client.publishAsync(topic, `{"fixAt":${at + 1000},"lat":43.73,"lng":7.42,"accuracyM":1e400}`, {
      qos: 1,
    });
    await client.publishAsync(topic, `{"fixAt":${at + 2000},"lat":43.73,"lng":7.42,"speedKmh":1e-300}`, {
      qos: 1,
    });
    await client.publishAsync(topic, JSON.stringify({ fixAt: at + 3000, lat: 43.731, lng: 7.421 }), {
      qos: 1,
    });
    await client.endAsync();
    const rejected = await eventually(async () => {
      const page = (await (await system.api("/api/v1/telemetry/rejected?limit=50")).json()) as {
        items: { deviceId: string; reason: string; detail: string }[];
      };
      const mine = page.items.filter((row) => row.deviceId === deviceId);
      return mine.length === 2 ? mine : undefined;
    });
    expect(rejected.map((row) => [row.reason, row.detail.split(":")[0]]).sort()).toEqual([
      ["invalid_schema", "accuracyM"],
      ["invalid_schema", "altitudeM"],
    ]);
    const track = await eventually(async () => {
      const fixes = (await (await system.api(`/api/v1/vehicles/${vehicle.id}/positions`)).json()) as {
        speedKmh: number | null;
      }[];
      return fixes.length === 2 ? fixes : undefined;
    });
    expect(track[0]?.speedKmh).toBeCloseTo(0, 10);
  });

  it("rejects a flooding device's excess as rate_limited, counted per reason, and keeps its first messages", async () => {
    const { deviceId, vehicle, client } = await connectedDevice("flood", "Flooder");
    const burst = 600; // DEVICE_RATE_BURST's default
    const sent = burst + 200;
    const t0 = Date.now() - 3_600_000;
    await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        client.publishAsync(
          `waybill/v1/devices/${deviceId}/telemetry`,
          JSON.stringify({ fixAt: t0 + i * 1000, lat: 43.7 + i * 1e-6, lng: 7.42 }),
          { qos: 1 },
        ),
      ),
    );
    await client.endAsync();

    // The limiter counts at once; the accepted positions are stored a moment later: wait for both.
    const { limited, stored } = await eventually(async () => {
      const metrics = await (await system.api("/metrics")).text();
      const limited = Number(
        /waybill_telemetry_rejected_total\{reason="rate_limited"\} (\d+)/.exec(metrics)?.[1],
      );
      const track = (await (
        await system.api(`/api/v1/vehicles/${vehicle.id}/positions?from=${new Date(t0 - 1000).toISOString()}`)
      ).json()) as unknown[];
      return limited + track.length === sent ? { limited, stored: track.length } : undefined;
    }, 30_000);
    // The bucket refills (slowly) while the flood arrives, so a few more than the burst may pass.
    expect(limited).toBeGreaterThanOrEqual(sent - burst - 20);
    expect(limited).toBeLessThanOrEqual(sent - burst);
    expect(stored).toBeGreaterThanOrEqual(burst);
  }, 60_000);
});
