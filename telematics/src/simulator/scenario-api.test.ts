import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ScenarioApi, ScenarioApiError } from "./scenario-api";

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

let server: Server;
let apiUrl: string;
let recorded: Recorded[] = [];
/** Answers by "METHOD /path": status and body. */
const answers = new Map<string, [number, unknown]>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => {
      recorded.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        body: text === "" ? undefined : JSON.parse(text),
      });
      const path = (request.url ?? "").replace(/ord_\w+/, ":id");
      const [status, body] = answers.get(`${request.method} ${path}`) ?? [404, { code: "not_found" }];
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  recorded = [];
  answers.clear();
  answers.set("GET /api/v1/vehicles", [200, [{ id: "veh_4", deviceId: "sim-4" }]]);
});

const requests = () => recorded.map((r) => `${r.method} ${r.url} ${r.authorization ?? "-"}`);

describe(ScenarioApi.name, () => {
  it("has the van's driver sign in, start a shift on it and report the breakdown where it stands", async () => {
    answers.set("POST /api/v1/auth/sessions", [201, { token: "drv-token" }]);
    answers.set("POST /api/v1/driver/shift", [201, {}]);
    answers.set("POST /api/v1/driver/incidents", [201, {}]);
    const api = new ScenarioApi(apiUrl, "key");
    const said = await api.reportBreakdown("sim-4", [7.42, 43.73], {
      vehicle: 4,
      email: "bo@example.com",
      password: "pw",
    });
    expect(said).toBe("driver bo@example.com reported a breakdown of veh_4");
    expect(requests()).toEqual([
      "GET /api/v1/vehicles Bearer key",
      "POST /api/v1/auth/sessions -",
      "POST /api/v1/driver/shift Bearer drv-token",
      "POST /api/v1/driver/incidents Bearer drv-token",
    ]);
    expect(recorded[2]?.body).toEqual({ vehicleId: "veh_4" });
    expect(recorded[3]?.body).toEqual({
      kind: "breakdown",
      note: "simulated breakdown",
      lng: 7.42,
      lat: 43.73,
    });
  });

  it("without the driver's login asks dispatch for a recovery of the van", async () => {
    answers.set("POST /api/v1/proposals", [201, { id: "prp_1", status: "proposed" }]);
    const said = await new ScenarioApi(apiUrl, "key").reportBreakdown("sim-4", null, null);
    expect(said).toBe("dispatch asked for a recovery of veh_4: proposal prp_1 proposed");
    expect(recorded[1]?.body).toEqual({
      trigger: "breakdown",
      vehicleId: "veh_4",
      detail: "simulated breakdown",
    });
  });

  it("posts closures, slowdowns and orders (marked ready), and names the request a server refuses", async () => {
    answers.set("POST /api/v1/road-closures", [201, { id: "rcl_1" }]);
    answers.set("POST /api/v1/orders", [201, { id: "ord_1" }]);
    answers.set("POST /api/v1/orders/:id/status", [200, {}]);
    const api = new ScenarioApi(apiUrl, "key");
    const line = [
      [7.42, 43.73],
      [7.421, 43.731],
    ] as const;
    const endsAt = new Date("2026-11-23T12:00:00Z");
    expect(await api.postClosure(line, "jam", 0.2, endsAt)).toBe("rcl_1");
    expect(recorded[0]?.body).toEqual({
      geometry: { type: "LineString", coordinates: line },
      reason: "jam",
      speedFactor: 0.2,
      endsAt: "2026-11-23T12:00:00.000Z",
    });
    const window = { startAt: new Date("2026-11-23T10:00:00Z"), endAt: endsAt };
    expect(
      await api.postOrder({ ref: "r-u1-01", point: [7.42, 43.73], weightKg: 4, serviceS: 300, window }),
    ).toBe("ord_1");
    expect(recorded[1]?.body).toMatchObject({
      externalRef: "r-u1-01",
      customer: { name: "Urgent r-u1-01", email: "r-u1-01@example.com" },
      destination: { lat: 43.73, lng: 7.42 },
      timeWindows: [{ start: "2026-11-23T10:00:00.000Z", end: "2026-11-23T12:00:00.000Z" }],
      items: [{ sku: "PARCEL", quantity: 1, weightKg: 4 }],
      serviceTimeSeconds: 300,
      priority: 100,
    });
    expect(recorded[2]).toMatchObject({ url: "/api/v1/orders/ord_1/status", body: { status: "ready" } });
    const refused = api.reportBreakdown("sim-9", null, null);
    await expect(refused).rejects.toThrow(ScenarioApiError);
    await expect(refused).rejects.toThrow("no vehicle of");
    answers.set("POST /api/v1/road-closures", [400, { detail: "the line matches no road" }]);
    await expect(api.postClosure(line, "x", null, endsAt)).rejects.toThrow(
      /POST http:.*\/api\/v1\/road-closures answered 400: .*matches no road/,
    );
  });
});
