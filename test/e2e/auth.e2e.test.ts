import { request } from "node:http";
import { DISPATCH_NAMESPACE, type VehiclePositionUpdate } from "@waybill/shared";
import mqtt from "mqtt";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let otherOrg: { key: string; adminEmail: string };
const PASSWORD = "a long enough password";

beforeAll(async () => {
  system = await startTestSystem();
  const email = `${uniqueDeviceId("admin")}@other.example`;
  const res = await system.api("/api/v1/organisations", {
    method: "POST",
    json: { name: "Other Carrier", admin: { email, name: "Olga", password: PASSWORD } },
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { apiKey: { key: string } };
  otherOrg = { key: body.apiKey.key, adminEmail: email };
});
afterAll(() => system?.stop());

async function createUser(role: "dispatcher" | "driver") {
  const email = `${uniqueDeviceId(role)}@example.com`;
  const res = await system.api("/api/v1/users", {
    method: "POST",
    json: { email, name: role, password: PASSWORD, role },
  });
  expect(res.status).toBe(201);
  return signIn(email);
}

async function signIn(email: string, password = PASSWORD): Promise<string> {
  const res = await system.api("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(await res.json()).toMatchObject({ status, code });
}

/** Posts a body over the limit with node:http: the server answers 413 before reading it all. */
function postOversized(path: string, bytes: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${system.url}${path}`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${system.adminKey}`,
          "content-type": "application/json",
          "content-length": bytes,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.write(Buffer.alloc(64 * 1024, 32));
  });
}

function connect(token: string | undefined, namespace = DISPATCH_NAMESPACE): Promise<Socket> {
  const socket = io(`${system.url}${namespace}`, {
    auth: token === undefined ? {} : { token },
    transports: ["websocket"],
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

describe("HTTP authentication and scoping", () => {
  const protectedRoutes: [string, string][] = [
    ["GET", "/api/v1/vehicles"],
    ["POST", "/api/v1/vehicles"],
    ["GET", "/api/v1/vehicles/veh_x"],
    ["GET", "/api/v1/vehicles/veh_x/positions"],
    ["GET", "/api/v1/telemetry/rejected"],
    ["GET", "/api/v1/me"],
    ["GET", "/api/v1/users"],
    ["POST", "/api/v1/api-keys"],
    ["GET", "/api/v1/map/streets"],
    ["DELETE", "/api/v1/auth/sessions/current"],
    ["POST", "/api/v1/organisations"],
  ];
  it.each(protectedRoutes)("%s %s needs a token", async (method, path) => {
    await expectProblem(await system.api(path, { method, key: null }), 401, "unauthenticated");
    await expectProblem(
      await system.api(path, { method, key: "wbk_not-a-real-key-at-all-000000" }),
      401,
      "unauthenticated",
    );
  });

  it("serves health, readiness, metrics and the API description without credentials", async () => {
    expect((await fetch(`${system.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${system.url}/readyz`)).json()).toEqual({ status: "ready" });
    const metrics = await (await fetch(`${system.url}/metrics`)).text();
    for (const name of [
      "waybill_telemetry_received_total",
      "waybill_telemetry_rejected_total",
      "waybill_positions_stored_total",
    ]) {
      expect(metrics).toContain(name);
    }
    const doc = (await (await fetch(`${system.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/vehicles",
        "/api/v1/vehicles/{id}/positions",
        "/api/v1/telemetry/rejected",
        "/api/v1/route",
        "/api/v1/matrix",
        "/api/v1/snap",
        "/api/v1/road-closures",
      ]),
    );
    expect(await (await fetch(`${system.url}/api/docs`)).text()).toContain("/api/v1/vehicles/{id}/positions");
  });

  it("signs a person in and out, with one error for wrong email or password", async () => {
    const token = await createUser("dispatcher");
    const me = (await (await system.api("/api/v1/me", { key: token })).json()) as { user: { role: string } };
    expect(me.user.role).toBe("dispatcher");
    await expectProblem(
      await system.api("/api/v1/auth/sessions", {
        method: "POST",
        key: null,
        json: { email: "nobody@example.com", password: "whatever" },
      }),
      401,
      "unauthenticated",
    );
    expect((await system.api("/api/v1/auth/sessions/current", { method: "DELETE", key: token })).status).toBe(
      204,
    );
    await expectProblem(await system.api("/api/v1/me", { key: token }), 401, "unauthenticated");
  });

  it("keeps each organisation's vehicles to itself", async () => {
    const created = await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Operator van" } });
    const { id } = (await created.json()) as { id: string };
    const theirs = (await (await system.api("/api/v1/vehicles", { key: otherOrg.key })).json()) as {
      id: string;
    }[];
    expect(theirs.map((v) => v.id)).not.toContain(id);
    await expectProblem(await system.api(`/api/v1/vehicles/${id}`, { key: otherOrg.key }), 404, "not_found");
    await expectProblem(
      await system.api(`/api/v1/vehicles/${id}/positions`, { key: otherOrg.key }),
      404,
      "not_found",
    );
    await expectProblem(
      await system.api("/api/v1/organisations", {
        method: "POST",
        key: otherOrg.key,
        json: { name: "x", admin: { email: "x@example.com", name: "x", password: PASSWORD } },
      }),
      403,
      "forbidden",
    );
  });

  it("gives roles only what they need", async () => {
    const dispatcher = await createUser("dispatcher");
    const driver = await createUser("driver");
    await expectProblem(
      await system.api("/api/v1/api-keys", {
        method: "POST",
        key: dispatcher,
        json: { name: "x", role: "admin" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(await system.api("/api/v1/vehicles", { key: driver }), 403, "forbidden");
    const integration = (await (
      await system.api("/api/v1/api-keys", { method: "POST", json: { name: "shop", role: "integration" } })
    ).json()) as { id: string; key: string };
    expect((await system.api("/api/v1/vehicles", { key: integration.key })).status).toBe(200);
    await expectProblem(
      await system.api("/api/v1/vehicles", { method: "POST", key: integration.key, json: { name: "x" } }),
      403,
      "forbidden",
    );
    expect((await system.api(`/api/v1/api-keys/${integration.id}`, { method: "DELETE" })).status).toBe(204);
    await expectProblem(
      await system.api("/api/v1/vehicles", { key: integration.key }),
      401,
      "unauthenticated",
    );
  });

  it("answers bad input with a problem naming the field", async () => {
    await expectProblem(
      await system.api("/api/v1/vehicles", {
        method: "POST",
        body: "{oops",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    const res = await system.api("/api/v1/vehicles", { method: "POST", json: { name: 7, colour: "red" } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(["colour", "name"]);
    expect(await postOversized("/api/v1/vehicles", 2_000_000)).toMatchObject({
      status: 413,
      body: { code: "payload_too_large" },
    });
    await expectProblem(await system.api("/api/v1/telemetry/rejected?limit=abc"), 422, "validation_failed");
    await expectProblem(await system.api("/api/v1/nothing-here"), 404, "not_found");
  });
});

describe("live channel authentication and scoping", () => {
  it("refuses a handshake without a valid token, and the root namespace", async () => {
    await expect(connect(undefined)).rejects.toMatchObject({ data: { code: "unauthenticated" } });
    await expect(connect("wbs_forged-token-forged-token-forged")).rejects.toMatchObject({
      data: { code: "unauthenticated" },
    });
    await expect(connect(system.adminKey, "/")).rejects.toMatchObject({ data: { code: "forbidden" } });
  });

  it("refuses drivers on the dispatcher channel", async () => {
    const driver = await createUser("driver");
    await expect(connect(driver)).rejects.toMatchObject({ data: { code: "forbidden" } });
  });

  it("sends an organisation only its own vehicles' positions", async () => {
    const ours = await connect(system.adminKey);
    const theirs = await connect(otherOrg.key);
    const seen = { ours: [] as VehiclePositionUpdate[], theirs: [] as VehiclePositionUpdate[] };
    ours.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => seen.ours.push(...batch));
    theirs.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => seen.theirs.push(...batch));
    const deviceId = uniqueDeviceId("scoped");
    const created = (await (
      await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Scoped", deviceId } })
    ).json()) as { id: string; deviceSecret: string };
    const device = await mqtt.connectAsync(system.mqttUrl, {
      username: deviceId,
      password: created.deviceSecret,
      reconnectPeriod: 0,
    });
    await device.publishAsync(
      `waybill/v1/devices/${deviceId}/telemetry`,
      JSON.stringify({ fixAt: Date.now() - 500, lat: 43.7, lng: 7.4 }),
      { qos: 1 },
    );
    await device.endAsync();
    await eventually(
      () => (seen.ours.some((u) => u.vehicleId === created.id) ? true : undefined),
      5000,
      "our position",
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen.theirs.some((u) => u.vehicleId === created.id)).toBe(false);
    ours.close();
    theirs.close();
  });
});
