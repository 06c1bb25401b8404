import { DRIVER_NAMESPACE, type OrderDto, type VehicleDto } from "@waybill/shared";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DriverListener, listenAsDriver, signedInDriver } from "../support/driver-socket";
import { eventually, startTestSystem, type TestSystem } from "../support/system";

let system: TestSystem;
let vehicleId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  const res = await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Van L" } });
  vehicleId = ((await res.json()) as VehicleDto).id;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await system?.stop();
});

const driver = () => signedInDriver(system, "Lee");

async function listen(token: string, auth: Record<string, unknown> = {}): Promise<DriverListener> {
  const listener = await listenAsDriver(system.url, token, auth);
  sockets.push(listener.socket);
  return listener;
}

/** A ready order; returns its delivery stop's id. */
async function readyStop(): Promise<string> {
  const res = await system.api("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      customer: { name: "Live" },
      destination: { address: "x", lat: 43.73, lng: 7.42 },
      items: [{ sku: "A", quantity: 1 }],
    },
  });
  const order = (await res.json()) as OrderDto;
  await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
  const stopId = order.stops[0]?.id;
  if (!stopId) throw new Error("the order has no stop");
  return stopId;
}

/** The connect error a handshake gets, or "connected". */
function handshakeOutcome(token: string): Promise<string> {
  const socket = io(`${system.url}${DRIVER_NAMESPACE}`, { auth: { token }, transports: ["websocket"] });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error: Error & { data?: { code?: string } }) =>
      resolve(error.data?.code ?? error.message),
    );
  });
}

describe("drivers' live channel (/driver)", () => {
  it("tells a driver at once when dispatch changes their route, and no other driver", async () => {
    const [ann, bob] = await Promise.all([driver(), driver()]);
    const annHears = await listen(ann.token);
    // Bob names Ann in the handshake: the room comes from his token, so he hears of his own route only.
    const bobHears = await listen(bob.token, { driverId: ann.id, room: `driver:${ann.id}` });
    const [first, second] = [await readyStop(), await readyStop()];

    const assign = (stopId: string, driverId: string, sequence: number) =>
      system.api(`/api/v1/stops/${stopId}/assign`, {
        method: "POST",
        json: { vehicleId, driverId, sequence },
      });
    expect((await assign(first, ann.id, 0)).status).toBe(200);
    expect((await assign(second, ann.id, 1)).status).toBe(200);
    const added = await eventually(
      () => {
        const total = annHears.changes.reduce((sum, change) => sum + change.added, 0);
        return total === 2 ? annHears.changes : undefined;
      },
      10_000,
      "Ann told of both stops",
    );
    expect(added.at(-1)).toMatchObject({ driverId: ann.id, removed: 0 });
    expect(added.at(-1)?.notice).toMatch(/stops? added by dispatch/);

    // Moving a stop to Bob tells both: one lost a stop, the other gained it; versions only grow.
    const before = annHears.changes.at(-1)?.version ?? 0;
    expect((await assign(second, bob.id, 0)).status).toBe(200);
    const removed = await eventually(() => annHears.changes.find((change) => change.removed === 1));
    expect(removed.version).toBeGreaterThan(before);
    expect(removed.notice).toBe("1 stop removed by dispatch");
    const gained = await eventually(() => bobHears.changes.find((change) => change.added === 1));
    expect(gained.driverId).toBe(bob.id);
    expect(bobHears.changes.every((change) => change.driverId === bob.id)).toBe(true);
    expect(annHears.changes.every((change) => change.driverId === ann.id)).toBe(true);
  });

  it("refuses a handshake without a driver's token", async () => {
    expect(await handshakeOutcome("")).toBe("unauthenticated");
    expect(await handshakeOutcome("not-a-token")).toBe("unauthenticated");
    expect(await handshakeOutcome(system.adminKey)).toBe("forbidden");
  });
});
