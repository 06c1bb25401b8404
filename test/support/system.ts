import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScratchDatabase } from "@waybill/server/adapters/db/testing/test-database";
import { type RunningSystem, startSystem } from "@waybill/server/system";

/** Which mode the suite runs in: real services when DATABASE_URL / MQTT_URL are set (CI does both). */
export const realDatabase = Boolean(process.env.DATABASE_URL);
export const externalBroker = Boolean(process.env.MQTT_URL);

/** The data of a test system: its folder, scratch database, admin key and MQTT session id. */
export interface TestStorage {
  readonly dataDir: string;
  readonly scratch: { url: string; drop(): Promise<void> } | null;
  readonly adminKey: string;
  readonly mqttClientId: string;
}

/** A system under test with its admin key and a fetch helper. */
export interface TestSystem extends RunningSystem {
  readonly adminKey: string;
  /** Its data, to start another system on the same data (`reuse` of {@link startTestSystem}). */
  readonly storage: TestStorage;
  /** fetch against the system; `key` becomes the bearer token (default: the admin key). */
  api(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  /** Closes the system and deletes its data. */
  stop(): Promise<void>;
}

/** Options of {@link startTestSystem}. */
export interface TestSystemOptions {
  readonly demo?: { vehicles: number; intervalMs: number };
  readonly env?: Record<string, string>;
  /** Start on the data of an earlier (closed) system instead of fresh data. */
  readonly reuse?: TestStorage;
}

/**
 * Starts the real system in-process on free ports: PGlite in a temp folder and the embedded broker
 * by default; a scratch PostgreSQL database and the external broker when the environment names
 * them. A unique MQTT client id keeps parallel systems from taking each other's session.
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const storage = options.reuse ?? (await newStorage());
  const system = await startSystem({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      MQTT_PORT: "0",
      DATA_DIR: storage.dataDir,
      DATABASE_URL: storage.scratch?.url ?? "",
      MQTT_URL: process.env.MQTT_URL ?? "",
      MQTT_CLIENT_ID: storage.mqttClientId,
      WAYBILL_ADMIN_KEY: storage.adminKey,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      ...options.env,
    },
    ...(options.demo ? { demo: options.demo } : {}),
  }).catch(async (error: unknown) => {
    if (!options.reuse) await removeStorage(storage);
    throw error;
  });
  return {
    ...system,
    adminKey: storage.adminKey,
    storage,
    api: (path, init = {}) => {
      const { key = storage.adminKey, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set("authorization", `Bearer ${key}`);
      if (json !== undefined) headers.set("content-type", "application/json");
      const body = json === undefined ? {} : { body: JSON.stringify(json) };
      return fetch(`${system.url}${path}`, { ...rest, headers, ...body });
    },
    stop: async () => {
      await system.close();
      await removeStorage(storage);
    },
  };
}

async function newStorage(): Promise<TestStorage> {
  return {
    dataDir: mkdtempSync(join(tmpdir(), "waybill-test-")),
    scratch: realDatabase ? await createScratchDatabase(process.env.DATABASE_URL!) : null,
    adminKey: `test-admin-${randomBytes(16).toString("hex")}`,
    mqttClientId: `waybill-test-${randomBytes(6).toString("hex")}`,
  };
}

async function removeStorage(storage: TestStorage): Promise<void> {
  await storage.scratch?.drop();
  rmSync(storage.dataDir, { recursive: true, force: true });
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A unique device id for one test. */
export const uniqueDeviceId = (label: string): string => `${label}-${randomBytes(4).toString("hex")}`;
