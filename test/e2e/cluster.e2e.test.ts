import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@waybill/server/adapters/db/database";
import { createScratchDatabase } from "@waybill/server/adapters/db/testing/test-database";
import { DISPATCH_NAMESPACE, nativeTelemetryTopic, type VehiclePositionUpdate } from "@waybill/shared";
import mqtt from "mqtt";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  mqttSessions,
  positions,
  rejectedTelemetry,
  vehicleStates,
} from "../../server/src/adapters/db/schema";
import { type ServerProcess, startServerProcess } from "../support/server-process";
import { eventually } from "../support/system";

const databaseUrl = process.env.DATABASE_URL ?? "";
const mqttUrl = process.env.MQTT_URL ?? "";
/** Unique per run: CI may run both modes against the same broker at once. */
const run = randomBytes(4).toString("hex");
const shareGroup = `wbt-${run}`;
const adminKey = `cluster-admin-${randomBytes(16).toString("hex")}`;
const t0 = Date.now() - 3_600_000;

interface Vehicle {
  readonly vehicleId: string;
  readonly deviceId: string;
}

describe.skipIf(!databaseUrl || !mqttUrl)(
  "two server processes on one PostgreSQL and one MQTT 5 broker (skipped: needs real PostgreSQL and an MQTT 5 broker)",
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let database: Database;
    let a: ServerProcess | undefined;
    let b: ServerProcess | undefined;
    const sockets: Socket[] = [];
    const clientIds = [`wbt-${run}-a`, `wbt-${run}-b`];

    const start = (name: string, clientId: string) =>
      startServerProcess(name, {
        DATABASE_URL: scratch.url,
        MQTT_URL: mqttUrl,
        MQTT_SHARE_GROUP: shareGroup,
        MQTT_CLIENT_ID: clientId,
        WAYBILL_ADMIN_KEY: adminKey,
        LOG_LEVEL: "warn",
        CLUSTER_CHECK_INTERVAL_SECONDS: "0.5",
        DEVICE_RATE_LIMIT_PER_SECOND: "0",
      });

    beforeAll(async () => {
      scratch = await createScratchDatabase(databaseUrl);
      // One after the other: the first start creates the schema and the operator organisation.
      a = await start("a", clientIds[0] as string);
      database = await openDatabase({ kind: "postgres", url: scratch.url, maxConnections: 2 });
      b = await start("b", clientIds[1] as string);
    });

    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await Promise.all(
        [a, b].map(async (server) => {
          if (!server) return;
          const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
          await server.stop("SIGTERM");
          clearTimeout(killer);
        }),
      );
      await endBrokerSessions(clientIds);
      await database?.close();
      await scratch?.drop();
    });

    async function createVehicles(count: number, label: string): Promise<Vehicle[]> {
      const vehicles: Vehicle[] = [];
      for (let i = 0; i < count; i++) {
        const server = i % 2 === 0 ? a : b; // either instance serves the API
        const deviceId = `${label}-${run}-${i}`;
        const response = await fetch(`${server?.url}/api/v1/vehicles`, {
          method: "POST",
          headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
          body: JSON.stringify({ name: `Van ${deviceId}`, deviceId }),
        });
        expect(response.status).toBe(201);
        vehicles.push({ vehicleId: ((await response.json()) as { id: string }).id, deviceId });
      }
      return vehicles;
    }

    function dispatcher(server: ServerProcess): { socket: Socket; seen: Map<string, number> } {
      const seen = new Map<string, number>();
      const socket = io(`${server.url}${DISPATCH_NAMESPACE}`, {
        auth: { token: adminKey },
        transports: ["websocket"],
      });
      socket.on("vehicle:positions", (batch: VehiclePositionUpdate[]) => {
        for (const p of batch) seen.set(p.vehicleId, Math.max(seen.get(p.vehicleId) ?? 0, p.fixAt));
      });
      sockets.push(socket);
      return { socket, seen };
    }

    it("splits the telemetry between the instances, and every dashboard sees every vehicle", async () => {
      const vehicles = await createVehicles(8, "fan");
      const onA = dispatcher(a as ServerProcess);
      const onB = dispatcher(b as ServerProcess);
      await eventually(() => (onA.socket.connected && onB.socket.connected ? true : undefined));
      const device = await mqtt.connectAsync(mqttUrl, { clientId: `wbt-${run}-fan`, protocolVersion: 5 });
      for (const vehicle of vehicles)
        await device.publishAsync(nativeTelemetryTopic(vehicle.deviceId), fix(0, 0), { qos: 1 });
      await device.endAsync();
      await eventually(
        () => (onA.seen.size === 8 && onB.seen.size === 8 ? true : undefined),
        10_000,
        "both dashboards to see the 8 vehicles",
      );
      // Each instance stored only its share, so each dashboard saw positions the other one stored.
      const storedByA = await (a as ServerProcess).metric("waybill_positions_stored_total");
      const storedByB = await (b as ServerProcess).metric("waybill_positions_stored_total");
      expect(storedByA + storedByB).toBe(8);
      expect(storedByA).toBeGreaterThan(0);
      expect(storedByB).toBeGreaterThan(0);
      // Singletons run once across the two: each job is held by exactly one of them.
      for (const job of ["tracking-sweep", "webhook-dispatcher", "notification-dispatcher"]) {
        const held = await Promise.all([a, b].map((s) => heldBy(s as ServerProcess, job)));
        expect(held.filter(Boolean), job).toHaveLength(1);
      }
    });

    it("loses nothing when an instance is killed with SIGKILL mid-ingest", async () => {
      const [devices, messagesPerDevice] = [20, 80];
      const total = devices * messagesPerDevice;
      const vehicles = await createVehicles(devices, "kill");
      const survivor = a as ServerProcess;
      const victim = b as ServerProcess;
      let published = 0;
      let killedAt = -1;
      const publishers = vehicles.map(async (vehicle, d) => {
        const client = await mqtt.connectAsync(mqttUrl, {
          clientId: `wbt-${run}-dev-${d}`,
          protocolVersion: 5,
        });
        for (let i = 0; i < messagesPerDevice; i++) {
          await client.publishAsync(nativeTelemetryTopic(vehicle.deviceId), fix(i, d), { qos: 1 });
          published++; // the broker has it (PUBACK)
          if (killedAt < 0 && published >= total * 0.3) {
            killedAt = published;
            victim.child.kill("SIGKILL");
          }
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        await client.endAsync();
      });
      await Promise.all(publishers);
      expect(await victim.exited).toBe("SIGKILL");

      const ours = new Set(vehicles.map((v) => v.vehicleId));
      const storedRows = async () =>
        (
          await database.db.select({ vehicleId: positions.vehicleId, fixAt: positions.fixAt }).from(positions)
        ).filter((row) => ours.has(row.vehicleId));
      const count = async () => (await storedRows()).length;
      const stored = await eventually(
        async () => {
          const n = await count();
          return n === total ? n : undefined;
        },
        20_000,
        `all ${total} positions stored (the killed instance's session taken over)`,
      ).catch(async (error: unknown) => {
        throw new Error(`${String(error)}: ${await count()} stored\n${survivor.output().slice(-2000)}`);
      });
      // Every fix of every device, once; and each vehicle's latest state is its newest fix.
      const fixesOf = new Map<string, number[]>();
      for (const row of await storedRows())
        fixesOf.set(row.vehicleId, [...(fixesOf.get(row.vehicleId) ?? []), row.fixAt.getTime()]);
      const latest = new Map(
        (await database.db.select().from(vehicleStates)).map((row) => [row.vehicleId, row.fixAt.getTime()]),
      );
      const expectedFixes = Array.from({ length: messagesPerDevice }, (_, i) => t0 + i * 1000);
      const complete = vehicles.filter(
        (v) =>
          JSON.stringify(fixesOf.get(v.vehicleId)?.sort((x, y) => x - y)) === JSON.stringify(expectedFixes),
      );
      const latestIsNewest = vehicles.filter((v) => latest.get(v.vehicleId) === expectedFixes.at(-1));
      const rejectedDuplicates = (await database.db.select().from(rejectedTelemetry)).filter(
        (row) => row.reason === "duplicate",
      ).length;
      const conflicts =
        (await survivor.metric("waybill_store_batch_positions_sum")) -
        (await survivor.metric("waybill_positions_stored_total"));
      const duplicates = conflicts + rejectedDuplicates;
      const takenOver = await survivor.metric("waybill_mqtt_adopted_messages_total");
      const lost = total - stored;
      console.info(
        `cluster ingest, 2 instances, one killed (SIGKILL) after ${killedAt} of ${total} published: ` +
          `published ${published}, stored ${stored}, duplicates ${duplicates}, lost ${lost}; ` +
          `${takenOver} messages came through the killed instance's session, taken over`,
      );
      expect(published).toBe(total);
      expect(lost).toBe(0);
      expect(complete).toHaveLength(devices);
      expect(latestIsNewest).toHaveLength(devices);
      expect(takenOver).toBeGreaterThan(0);
      expect(await survivor.metric("waybill_mqtt_sessions_adopted_total")).toBe(1);
      // The taken-over session is ended: nothing is left registered but the survivor's.
      const sessions = await database.db.select().from(mqttSessions);
      expect(sessions.map((row) => row.clientId)).toEqual([clientIds[0]]);
    });
  },
);

/** One native telemetry message: the i-th fix of device d, a second apart, ~5 m apart. */
function fix(i: number, d: number): string {
  return JSON.stringify({
    fixAt: new Date(t0 + i * 1000).toISOString(),
    lat: 43.73 + i * 0.00005,
    lng: 7.42 + d * 0.001,
    speedKmh: 20,
  });
}

async function heldBy(server: ServerProcess, job: string): Promise<boolean> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text.includes(`waybill_singleton_held{job="${job}"} 1`);
}

/** Ends the broker sessions this run left (clean start with no expiry discards a session). */
async function endBrokerSessions(clientIds: readonly string[]): Promise<void> {
  for (const clientId of clientIds) {
    const client = await mqtt
      .connectAsync(mqttUrl, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 })
      .catch(() => null);
    await client?.endAsync();
  }
}
