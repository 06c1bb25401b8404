import { type BusinessEvent, DISPATCH_NAMESPACE, type OrderDto } from "@waybill/shared";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let otherKey: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  const email = `${uniqueDeviceId("other")}@example.com`;
  const res = await system.api("/api/v1/organisations", {
    method: "POST",
    json: { name: "Other Carrier", admin: { email, name: "O", password: "a long enough password" } },
  });
  otherKey = ((await res.json()) as { apiKey: { key: string } }).apiKey.key;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await system?.stop();
});

async function listen(token: string): Promise<BusinessEvent[]> {
  const socket = io(`${system.url}${DISPATCH_NAMESPACE}`, { auth: { token }, transports: ["websocket"] });
  sockets.push(socket);
  const received: BusinessEvent[] = [];
  socket.on("order:event", (event: BusinessEvent) => received.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return received;
}

describe("business events on the live channel", () => {
  it("relays an organisation's order events to its dispatchers only, in order", async () => {
    const ours = await listen(system.adminKey);
    const theirs = await listen(otherKey);
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
    const mine = await eventually(() => {
      const events = ours.filter((e) => e.orderId === order.id);
      return events.some((e) => e.type === "order.status_changed") ? events : undefined;
    });
    // Creation comes before the status change (the milestone event of the same transaction may
    // come either side of it).
    const created = mine.findIndex((e) => e.type === "order.created");
    const changed = mine.findIndex((e) => e.type === "order.status_changed");
    expect(created).toBeGreaterThanOrEqual(0);
    expect(created).toBeLessThan(changed);
    expect(mine[created]).toMatchObject({ data: { order: { id: order.id } } });
    expect(mine[changed]?.data).toMatchObject({ from: "received", to: "ready" });
    expect(theirs.filter((e) => e.orderId === order.id)).toEqual([]);
  });
});
