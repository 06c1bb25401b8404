import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type BusinessEvent,
  DISPATCH_NAMESPACE,
  organisationRoom,
  type VehiclePositionUpdate,
} from "@waybill/shared";
import pino from "pino";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../db/repositories/identity.repository";
import { openTestDatabase, type TestDatabase } from "../db/testing/test-database";
import { SocketPositionBroadcaster } from "./position-broadcaster";
import { createPostgresFanout, type RealtimeFanout } from "./postgres-fanout";
import { createRealtimeServer, type RealtimeServer } from "./realtime-server";

const log = pino({ level: "silent" });

/** Tokens of this test: each names the organisation its dispatcher belongs to. */
const principalOf = (token: string): Principal => ({
  kind: "api_key",
  id: `key-${token}`,
  name: token,
  email: null,
  role: "dispatcher",
  organisationId: token.split(":")[0] as string,
  organisationName: "test",
  isOperator: false,
});

interface Instance {
  readonly http: HttpServer;
  readonly io: RealtimeServer;
  readonly fanout: RealtimeFanout;
  readonly url: string;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const fanout = createPostgresFanout(databaseUrl, log);
  const auth = { authenticate: async (token: string) => principalOf(token) };
  const io = createRealtimeServer(http, auth, () => {}, fanout.adapter);
  return { http, io, fanout, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.io.close();
  await instance.fanout.close();
}

function dispatcher(instance: Instance, token: string): Promise<Socket> {
  const socket = connectClient(`${instance.url}${DISPATCH_NAMESPACE}`, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const position = (vehicleId: string, fixAt: number): VehiclePositionUpdate =>
  ({ vehicleId, fixAt, lat: 43.7, lng: 7.42, speedKmh: 30, headingDeg: 90 }) as VehiclePositionUpdate;

describe.skipIf(!process.env.DATABASE_URL)(
  `${createPostgresFanout.name} (skipped: needs real PostgreSQL; embedded PGlite is one instance)`,
  () => {
    let database: TestDatabase;
    let a: Instance;
    let b: Instance;
    beforeAll(async () => {
      database = await openTestDatabase();
      a = await startInstance(database.url as string);
      b = await startInstance(database.url as string);
    });
    afterAll(async () => {
      await Promise.all([a, b].filter(Boolean).map(stopInstance));
      await database?.dispose();
    });

    it("brings positions broadcast by one instance to the organisation's dispatchers on another, only them", async () => {
      const [own, other] = await Promise.all([dispatcher(a, "org_1:alice"), dispatcher(a, "org_2:bob")]);
      const ownFrames: VehiclePositionUpdate[][] = [];
      const otherFrames: VehiclePositionUpdate[][] = [];
      own.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => ownFrames.push(batch));
      other.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => otherFrames.push(batch));
      // The adapters of a and b see each other through heartbeats shortly after start.
      const broadcaster = new SocketPositionBroadcaster(b.io, 10);
      const deadline = Date.now() + 5000;
      while (ownFrames.length === 0 && Date.now() < deadline) {
        broadcaster.publish([{ organisationId: "org_1", ...position("veh_1", Date.now()) }]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ownFrames[0]?.[0]?.vehicleId).toBe("veh_1");
      // A frame for org_2 sent after org_1's arrives after it on the same channel: by then bob
      // would have org_1's if scoping leaked.
      broadcaster.publish([{ organisationId: "org_2", ...position("veh_2", Date.now()) }]);
      const deadline2 = Date.now() + 5000;
      while (otherFrames.length === 0 && Date.now() < deadline2)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(otherFrames.flat().map((p) => p.vehicleId)).toEqual(["veh_2"]);
      expect(ownFrames.flat().every((p) => p.vehicleId === "veh_1")).toBe(true);
      own.close();
      other.close();
    });

    it("delivers an organisation's broadcasts in the order they were made, large and small, on every instance", async () => {
      const [local, remote] = await Promise.all([dispatcher(a, "org_4:dan"), dispatcher(b, "org_4:eve")]);
      const seen: Record<"local" | "remote", number[]> = { local: [], remote: [] };
      local.on("order:event", (event: BusinessEvent) => seen.local.push(event.data.n as number));
      remote.on("order:event", (event: BusinessEvent) => seen.remote.push(event.data.n as number));
      const room = a.io.of(DISPATCH_NAMESPACE).to(organisationRoom("org_4"));
      const event = (n: number): BusinessEvent => ({
        id: `evt_${n}`,
        type: "order.status_changed",
        organisationId: "org_4",
        orderId: "ord_1",
        occurredAt: new Date().toISOString(),
        actor: { kind: "system", id: null },
        // Every third one is over NOTIFY's 8,000 bytes: an INSERT and a NOTIFY instead of one NOTIFY.
        data: { n, padding: n % 3 === 0 ? "x".repeat(9000) : "" },
      });
      // The instances see each other through heartbeats shortly after start: wait for the remote.
      const deadline = Date.now() + 5000;
      while (seen.remote.length === 0 && Date.now() < deadline) {
        room.emit("order:event", event(-1));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      seen.local.length = 0;
      seen.remote.length = 0;
      const sent = Array.from({ length: 30 }, (_, n) => n);
      for (const n of sent) room.emit("order:event", event(n));
      const deadline2 = Date.now() + 10_000;
      while ((seen.local.length < 30 || seen.remote.length < 30) && Date.now() < deadline2)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen.local).toEqual(sent);
      expect(seen.remote).toEqual(sent);
      local.close();
      remote.close();
    });

    it("carries a broadcast larger than a NOTIFY payload through the attachments table", async () => {
      const own = await dispatcher(b, "org_3:carol");
      const frames: VehiclePositionUpdate[][] = [];
      own.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => frames.push(batch));
      const fleet = Array.from({ length: 200 }, (_, i) => ({
        organisationId: "org_3",
        ...position(`veh_${String(i).padStart(3, "0")}`, Date.now()),
      }));
      const broadcaster = new SocketPositionBroadcaster(a.io, 10);
      const deadline = Date.now() + 5000;
      while (frames.length === 0 && Date.now() < deadline) {
        broadcaster.publish(fleet);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(JSON.stringify(frames[0]).length).toBeGreaterThan(8000);
      expect(frames[0]).toHaveLength(200);
      own.close();
    });
  },
);
