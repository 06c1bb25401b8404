import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DISPATCH_NAMESPACE, type VehiclePositionUpdate } from "@waybill/shared";
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
