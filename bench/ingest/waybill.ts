import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSystem, startSystem } from "../../server/src/system";

/** Server settings a bench run may override from its own environment (for experiments). */
const TUNABLES = ["STORE_BATCH_MAX", "INGEST_INFLIGHT_MAX", "OSM_FILE", "LIVE_MATCHING"] as const;

/** The Waybill server under test, in this process, and what the bench needs from it. */
export interface WaybillUnderTest {
  readonly system: RunningSystem;
  readonly adminKey: string;
  /** Settings passed from this process's environment ({@link TUNABLES}). */
  readonly overrides: Readonly<Record<string, string>>;
  /** Counters from the server's metrics: messages received, positions stored, rejections. */
  counts(): Promise<WaybillCounts>;
  /** Messages fully handled (positions stored + rejections): two counters, cheap to poll. */
  consumed(): Promise<number>;
  stop(): Promise<void>;
}

/** The server's own counters (GET /metrics), read in-process. */
export interface WaybillCounts {
  readonly received: number;
  readonly stored: number;
  readonly rejected: number;
  /** Store transactions, and the sums of their positions and durations (seconds). */
  readonly transactions: number;
  readonly transactionPositions: number;
  readonly transactionSeconds: number;
  /** Live tracking: positions evaluated, dropped (queue full), ETA recomputations, backlog now. */
  readonly tracking: {
    readonly evaluated: number;
    readonly dropped: number;
    readonly etaUpdates: number;
    readonly backlog: number;
  };
}

type MetricValues = { get(): Promise<{ values: { value: number; metricName?: string }[] }> };

const total = async (metric: MetricValues) =>
  (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);
const histogram = async (metric: MetricValues) => {
  const { values } = await metric.get();
  const find = (suffix: string) => values.find((v) => v.metricName?.endsWith(suffix))?.value ?? 0;
  return { count: find("_count"), sum: find("_sum") };
};

async function readCounts(metrics: RunningSystem["metrics"]): Promise<WaybillCounts> {
  const batches = await histogram(metrics.storeBatchSize);
  return {
    received: await total(metrics.telemetryReceived),
    stored: await total(metrics.positionsStored),
    rejected: await total(metrics.telemetryRejected),
    transactions: batches.count,
    transactionPositions: batches.sum,
    transactionSeconds: (await histogram(metrics.storeDuration)).sum,
    tracking: {
      evaluated: await total(metrics.trackingEvaluated),
      dropped: await total(metrics.trackingDropped),
      etaUpdates: await total(metrics.trackingEtaUpdates),
      backlog: await total(metrics.trackingBacklog),
    },
  };
}

/** Starts the real system on the bench broker and database, with a fresh admin key. */
export async function startWaybill(mqttUrl: string, databaseUrl: string): Promise<WaybillUnderTest> {
  const adminKey = `bench-admin-${randomBytes(16).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "waybill-bench-"));
  const overrides = Object.fromEntries(
    TUNABLES.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])),
  );
  const system = await startSystem({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      MQTT_URL: mqttUrl,
      MQTT_CLIENT_ID: `waybill-bench-${randomBytes(6).toString("hex")}`,
      WAYBILL_ADMIN_KEY: adminKey,
      LOG_LEVEL: "warn",
      // Each simulated device sends far above a real tracker's 1 Hz so that a few hundred of them
      // saturate the server; a limit this high keeps the limiter's cost in the figures without
      // rejecting the load being measured.
      DEVICE_RATE_LIMIT_PER_SECOND: "100000",
      DEVICE_RATE_BURST: "1000000",
      ...overrides,
    },
  });
  return {
    system,
    adminKey,
    overrides,
    counts: () => readCounts(system.metrics),
    consumed: async () =>
      (await total(system.metrics.positionsStored)) + (await total(system.metrics.telemetryRejected)),
    stop: async () => {
      await system.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates one vehicle per device id through `POST /api/v1/vehicles`, a few requests at a time;
 * resolves with the vehicles' ids.
 */
export async function provisionVehicles(
  waybill: WaybillUnderTest,
  deviceIds: readonly string[],
): Promise<{ deviceId: string; vehicleId: string }[]> {
  const create = async (deviceId: string) => {
    const response = await fetch(`${waybill.system.url}/api/v1/vehicles`, {
      method: "POST",
      headers: { authorization: `Bearer ${waybill.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `Bench van ${deviceId}`, deviceId }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/v1/vehicles for ${deviceId}: ${response.status} ${await response.text()}`);
    return { deviceId, vehicleId: ((await response.json()) as { id: string }).id };
  };
  const vehicles = [];
  for (let i = 0; i < deviceIds.length; i += 10)
    vehicles.push(...(await Promise.all(deviceIds.slice(i, i + 10).map(create))));
  return vehicles;
}
