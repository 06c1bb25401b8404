import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@waybill/server/adapters/db/database";
import { createScratchDatabase } from "@waybill/server/adapters/db/testing/test-database";
import { nativeTelemetryTopic } from "@waybill/shared";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { positions, rejectedTelemetry } from "../../server/src/adapters/db/schema";
import { type MosquittoProcess, mosquittoInstalled, startMosquitto } from "../support/mosquitto-process";
import { type ServerProcess, startServerProcess } from "../support/server-process";
import { eventually } from "../support/system";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

/**
 * Issue 9's faults, each with real processes: the server runs as its own process (server/src/main.ts)
 * against a broker of the test's own (never the shared one, other test files use it at the same
 * time), and each test counts what the devices published (and the broker acknowledged), what was
 * stored, duplicated and lost.
 */

const databaseUrl = process.env.DATABASE_URL ?? "";
/** Unique per run: CI may run both modes at once. */
const run = randomBytes(4).toString("hex");
const adminKey = `faults-admin-${randomBytes(16).toString("hex")}`;
const t0 = Date.now() - 3_600_000;
/** The MQTT receive maximum of the server's ingest: the bound of what it holds unacknowledged. */
const inflightMax = 100;
const devices = 5;
const publishIntervalMs = 100;

interface Vehicle {
  readonly vehicleId: string;
  readonly deviceId: string;
}

describe.skipIf(!databaseUrl || !mosquittoInstalled())(
  "PostgreSQL unreachable for 30 s (skipped: needs real PostgreSQL and /usr/sbin/mosquitto)",
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
    let proxy: TcpProxy | undefined;
    let broker: MosquittoProcess | undefined;
    let server: ServerProcess | undefined;
    let database: Database | undefined;
    const clientId = `wbt-faults-${run}-pg`;

    beforeAll(async () => {
      scratch = await createScratchDatabase(databaseUrl);
      const target = new URL(scratch.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) || 5432 });
      const proxied = new URL(scratch.url);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxy.port);
      broker = await startMosquitto();
      server = await startServerProcess("pg-cut", {
        DATABASE_URL: proxied.toString(),
        MQTT_URL: broker.url,
        MQTT_CLIENT_ID: clientId,
        WAYBILL_ADMIN_KEY: adminKey,
        LOG_LEVEL: "warn",
        DEVICE_RATE_LIMIT_PER_SECOND: "0",
        INGEST_INFLIGHT_MAX: String(inflightMax),
        CLUSTER_CHECK_INTERVAL_SECONDS: "1",
      });
      database = await openDatabase({ kind: "postgres", url: scratch.url, maxConnections: 2 });
    });

    afterAll(async () => {
      for (const fleet of fleets.splice(0)) fleet.abort();
      await stopServer(server);
      await broker?.dispose();
      await database?.close();
      await proxy?.close();
      await scratch?.drop();
    });

    it("keeps running, answers 503 on /readyz, holds at most INGEST_INFLIGHT_MAX, then stores every fix once", async () => {
      const s = server as ServerProcess;
      const vehicles = await createVehicles(s, "pgcut");
      const fleet = await startFleet((broker as MosquittoProcess).url, vehicles, "pg");
      await sleep(3_000);

      (proxy as TcpProxy).cut();
      const cutAt = Date.now();
      // A commit whose answer crossed the proxy just before the cut is counted a moment later:
      // read the baseline once that moment has passed (nothing can commit after the cut).
      await sleep(1_000);
      const storedBefore = await s.metric("waybill_positions_stored_total");
      const receivedBefore = await s.metric("waybill_telemetry_received_total");
      const readyz: number[] = [];
      const healthz: number[] = [];
      let maxHeld = 0;
      while (Date.now() - cutAt < 26_000) {
        await sleep(2_000);
        expect(s.child.exitCode, `the server exited during the cut:\n${s.output().slice(-3000)}`).toBeNull();
        readyz.push(await status(`${s.url}/readyz`));
        healthz.push(await status(`${s.url}/healthz`));
        const held =
          (await s.metric("waybill_telemetry_received_total")) -
          (await s.metric("waybill_positions_stored_total")) -
          (receivedBefore - storedBefore);
        maxHeld = Math.max(maxHeld, held);
      }
      const readyzBody = (await (await fetch(`${s.url}/readyz`)).json()) as { reason?: string };
      await sleep(cutAt + 30_000 - Date.now());
      const publishedDuringCut = fleet.published() - fleet.publishedAt(cutAt);
      const storedDuringCut = (await s.metric("waybill_positions_stored_total")) - storedBefore;
      (proxy as TcpProxy).restore();
      const restoredAt = Date.now();
      const publishedAtRestore = fleet.published();

      const readyAgainAt = await eventually(
        async () => ((await status(`${s.url}/readyz`)) === 200 ? Date.now() : undefined),
        20_000,
        "/readyz 200 after the database is back",
      );
      // The backlog held during the cut (in the server and queued in the broker) is stored...
      const caughtUpAt = await eventually(
        async () =>
          (await storedRows(database as Database, vehicles)).length >= publishedAtRestore
            ? Date.now()
            : undefined,
        30_000,
        `the ${publishedAtRestore} fixes published until the database came back to be stored`,
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${s.output().slice(-3000)}`);
      });
      await sleep(2_000); // ...and the devices keep going.
      await fleet.stop();
      // The singleton jobs lost their lock connection with the cut: one is held again.
      await eventually(
        async () =>
          (await s.metric('waybill_singleton_held{job="tracking-sweep"}')) === 1 ? true : undefined,
        10_000,
        "the tracking sweep singleton held again",
      );

      const published = fleet.published();
      const rows = await eventually(
        async () => {
          const stored = await storedRows(database as Database, vehicles);
          return stored.length >= published ? stored : undefined;
        },
        20_000,
        "every published fix stored",
      ).catch(async (error: unknown) => {
        const stored = await countStored(s, database, vehicles);
        throw new Error(
          `${String(error)}: ${stored.length} of ${fleet.published()} stored\n${s.output().slice(-3000)}`,
        );
      });
      const counts = await tally(database as Database, s, vehicles, rows, fleet);
      console.info(
        `PostgreSQL unreachable for ${((restoredAt - cutAt) / 1000).toFixed(1)} s (proxy cut), ${devices} devices ` +
          `every ${publishIntervalMs} ms, INGEST_INFLIGHT_MAX ${inflightMax}: published ${published} ` +
          `(${publishedDuringCut} during the cut), stored ${counts.stored}, duplicate rows ${counts.duplicateRows}, ` +
          `lost ${counts.lost}; re-sent by devices ${fleet.resent()}, redelivered to the server and dropped ` +
          `as already stored ${counts.alreadyStored}; stored during the cut ${storedDuringCut}; held by the ` +
          `server at most ${maxHeld} unacknowledged (the rest queued in the broker); /readyz during the cut ` +
          `${readyz.join(",")}; ready again ${readyAgainAt - restoredAt} ms and caught up ` +
          `${caughtUpAt - restoredAt} ms after the cut ended`,
      );
      expect(storedDuringCut).toBe(0);
      expect(readyz.every((code) => code === 503)).toBe(true);
      expect(readyzBody.reason).toMatch(/^database unreachable/);
      expect(healthz.every((code) => code === 200)).toBe(true);
      // Backpressure: it stops reading at the receive maximum; the broker keeps the rest.
      expect(maxHeld).toBeLessThanOrEqual(inflightMax);
      expect(publishedDuringCut).toBeGreaterThan(inflightMax);
      expect(counts.lost).toBe(0);
      expect(counts.duplicateRows).toBe(0);
      expect(counts.complete).toBe(devices);
      expect(s.child.exitCode).toBeNull();
    }, 120_000);
  },
);

describe.skipIf(!mosquittoInstalled())("MQTT broker restarted (skipped: needs /usr/sbin/mosquitto)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let broker: MosquittoProcess | undefined;
  let server: ServerProcess | undefined;
  let database: Database | undefined;
  const clientId = `wbt-faults-${run}-broker`;

  beforeAll(async () => {
    broker = await startMosquitto();
    const env: Record<string, string> = {
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: clientId,
      WAYBILL_ADMIN_KEY: adminKey,
      LOG_LEVEL: "warn",
      DEVICE_RATE_LIMIT_PER_SECOND: "0",
      INGEST_INFLIGHT_MAX: String(inflightMax),
    };
    if (databaseUrl) {
      scratch = await createScratchDatabase(databaseUrl);
      env.DATABASE_URL = scratch.url;
    }
    server = await startServerProcess("broker-restart", env);
    if (scratch) database = await openDatabase({ kind: "postgres", url: scratch.url, maxConnections: 2 });
  });

  afterAll(async () => {
    for (const fleet of fleets.splice(0)) fleet.abort();
    await stopServer(server);
    await broker?.dispose();
    await database?.close();
    await scratch?.drop();
  });

  it("resumes the ingest session and stores every QoS 1 fix once", async () => {
    const s = server as ServerProcess;
    const b = broker as MosquittoProcess;
    const vehicles = await createVehicles(s, "brk");
    const fleet = await startFleet(b.url, vehicles, "brk");
    await sleep(3_000);

    await b.stop("SIGTERM");
    const stoppedAt = Date.now();
    await sleep(1_000);
    const readyWhileDown = await status(`${s.url}/readyz`);
    await sleep(2_000);
    await b.start();
    const restartedAt = Date.now();
    const readyAgainAt = await eventually(
      async () => ((await status(`${s.url}/readyz`)) === 200 ? Date.now() : undefined),
      20_000,
      "/readyz 200 once the broker is back",
    );
    const publishedAtRestart = fleet.published();
    // Queued by the broker in the ingest's persisted session until it subscribed again.
    const publishedWhileIngestAway = fleet.publishedAt(readyAgainAt) - fleet.publishedAt(restartedAt);
    const caughtUpAt = await eventually(
      async () =>
        (await countStored(s, database, vehicles)).length >= publishedAtRestart ? Date.now() : undefined,
      30_000,
      `the ${publishedAtRestart} fixes published until the broker came back to be stored`,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${s.output().slice(-3000)}\n${b.output().slice(-2000)}`);
    });
    await sleep(2_000);
    await fleet.stop();

    const published = fleet.published();
    const rows = await eventually(
      async () => {
        const stored = await countStored(s, database, vehicles);
        return stored.length >= published ? stored : undefined;
      },
      20_000,
      "every published fix stored",
    ).catch(async (error: unknown) => {
      const stored = await countStored(s, database, vehicles);
      throw new Error(
        `${String(error)}: ${stored.length} of ${fleet.published()} stored\n${s.output().slice(-3000)}`,
      );
    });
    const counts = await tally(database, s, vehicles, rows, fleet);
    console.info(
      `MQTT broker stopped (SIGTERM) for ${Math.round((restartedAt - stoppedAt) / 1000)} s and restarted, ` +
        `${devices} devices every ${publishIntervalMs} ms (${databaseUrl ? "PostgreSQL" : "PGlite"}): ` +
        `published ${published}, stored ${counts.stored}, duplicate rows ${counts.duplicateRows}, ` +
        `lost ${counts.lost}; re-sent by devices ${fleet.resent()}, redelivered to the server and dropped ` +
        `as already stored ${counts.alreadyStored}; ${publishedWhileIngestAway} published to the restarted ` +
        `broker before the ingest was back; /readyz while down ${readyWhileDown}; ingest ` +
        `subscribed again ${readyAgainAt - restartedAt} ms and caught up ${caughtUpAt - restartedAt} ms ` +
        `after the broker restarted`,
    );
    expect(readyWhileDown).toBe(503);
    expect(counts.lost).toBe(0);
    expect(counts.duplicateRows).toBe(0);
    expect(counts.complete).toBe(devices);
    expect(s.child.exitCode).toBeNull();
  }, 90_000);
});

/** Devices publishing QoS 1 fixes in a loop, each reconnecting by itself (persistent session). */
interface Fleet {
  /** Fixes the broker acknowledged (PUBACK) so far. */
  published(): number;
  /** Fixes acknowledged by `at` (epoch ms). */
  publishedAt(at: number): number;
  /** PUBLISH packets a device sent again (after a lost connection, unacknowledged). */
  resent(): number;
  /** Stops publishing; resolves once every fix in flight is acknowledged. */
  stop(): Promise<void>;
  /** Fixes acknowledged per vehicle, index i being fix(i). */
  readonly perVehicle: Map<string, number>;
  /** Stops at once and drops the connections (for afterAll, after a failure). */
  abort(): void;
}

/** Every fleet started, so that afterAll ends their clients even when a test failed midway. */
const fleets: Fleet[] = [];

async function startFleet(url: string, vehicles: readonly Vehicle[], label: string): Promise<Fleet> {
  const acknowledgedAt: number[] = [];
  const perVehicle = new Map<string, number>();
  let sent = 0;
  let stopping = false;
  const clients: MqttClient[] = [];
  for (const [d, vehicle] of vehicles.entries()) {
    const client = await mqtt.connectAsync(url, {
      clientId: `wbt-faults-${run}-${label}-${d}`,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: 300 },
      reconnectPeriod: 250,
      connectTimeout: 2_000,
    });
    client.on("error", () => {}); // reconnects by itself
    client.on("packetsend", (packet) => {
      if (packet.cmd === "publish") sent++;
    });
    clients.push(client);
    perVehicle.set(vehicle.vehicleId, 0);
  }
  const loops = vehicles.map(async (vehicle, d) => {
    const client = clients[d] as MqttClient;
    for (let i = 0; !stopping; i++) {
      await client.publishAsync(nativeTelemetryTopic(vehicle.deviceId), fix(i, d), { qos: 1 });
      acknowledgedAt.push(Date.now());
      perVehicle.set(vehicle.vehicleId, i + 1);
      await sleep(publishIntervalMs);
    }
  });
  const fleet: Fleet = {
    published: () => acknowledgedAt.length,
    publishedAt: (at) => acknowledgedAt.filter((time) => time <= at).length,
    resent: () => sent - acknowledgedAt.length,
    perVehicle,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      await Promise.all(clients.map((client) => client.endAsync()));
    },
    abort: () => {
      stopping = true;
      for (const client of clients) client.end(true);
    },
  };
  fleets.push(fleet);
  return fleet;
}

/** One native telemetry message: the i-th fix of device d, a second apart, ~5 m apart. */
function fix(i: number, d: number): string {
  return JSON.stringify({
    fixAt: new Date(t0 + i * 1000).toISOString(),
    lat: 43.73 + i * 0.00005,
    lng: 7.42 + d * 0.001,
    speedKmh: 20,
  });
}

async function createVehicles(server: ServerProcess, label: string): Promise<Vehicle[]> {
  const vehicles: Vehicle[] = [];
  for (let i = 0; i < devices; i++) {
    const deviceId = `${label}-${run}-${i}`;
    const response = await fetch(`${server.url}/api/v1/vehicles`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `Van ${deviceId}`, deviceId }),
    });
    expect(response.status).toBe(201);
    vehicles.push({ vehicleId: ((await response.json()) as { id: string }).id, deviceId });
  }
  return vehicles;
}

interface StoredRow {
  readonly vehicleId: string;
  readonly fixAt: number;
}

/** Position rows of these vehicles, read from the database itself. */
async function storedRows(database: Database, vehicles: readonly Vehicle[]): Promise<StoredRow[]> {
  const ours = new Set(vehicles.map((v) => v.vehicleId));
  const rows = await database.db
    .select({ vehicleId: positions.vehicleId, fixAt: positions.fixAt })
    .from(positions);
  return rows.filter((row) => ours.has(row.vehicleId)).map((row) => ({ ...row, fixAt: row.fixAt.getTime() }));
}

/** Stored rows: from the database when the test can open it, else through the API (PGlite). */
async function countStored(
  server: ServerProcess,
  database: Database | undefined,
  vehicles: readonly Vehicle[],
): Promise<StoredRow[]> {
  if (database) return storedRows(database, vehicles);
  const rows: StoredRow[] = [];
  for (const vehicle of vehicles) {
    const response = await fetch(
      `${server.url}/api/v1/vehicles/${vehicle.vehicleId}/positions?from=${new Date(t0 - 60_000).toISOString()}`,
      { headers: { authorization: `Bearer ${adminKey}` } },
    );
    expect(response.status).toBe(200);
    for (const p of (await response.json()) as { fixAt: number | string }[])
      rows.push({ vehicleId: vehicle.vehicleId, fixAt: new Date(p.fixAt).getTime() });
  }
  return rows;
}

/** Lost, duplicated and complete, from the stored rows against what each device had acknowledged. */
async function tally(
  database: Database | undefined,
  server: ServerProcess,
  vehicles: readonly Vehicle[],
  rows: readonly StoredRow[],
  fleet: Fleet,
) {
  const distinct = new Set(rows.map((row) => `${row.vehicleId}/${row.fixAt}`));
  let lost = 0;
  let complete = 0;
  for (const vehicle of vehicles) {
    const count = fleet.perVehicle.get(vehicle.vehicleId) ?? 0;
    let missing = 0;
    for (let i = 0; i < count; i++) if (!distinct.has(`${vehicle.vehicleId}/${t0 + i * 1000}`)) missing++;
    lost += missing;
    if (missing === 0) complete++;
  }
  const rejectedDuplicates = database
    ? (await database.db.select().from(rejectedTelemetry)).filter((row) => row.reason === "duplicate").length
    : await server.metric('waybill_telemetry_rejected_total{reason="duplicate"}');
  const conflicts =
    (await server.metric("waybill_store_batch_positions_sum")) -
    (await server.metric("waybill_positions_stored_total"));
  return {
    stored: distinct.size,
    duplicateRows: rows.length - distinct.size,
    lost,
    complete,
    alreadyStored: conflicts + rejectedDuplicates,
  };
}

async function status(url: string): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.status,
    () => 0,
  );
}

async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await server.stop("SIGTERM");
  clearTimeout(killer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
