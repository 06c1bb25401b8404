import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSystem, startSystem } from "../../server/src/system";
import { createSeededRandom } from "../../telematics/src/simulator/seeded-random";
import type { FleetVehicleSpec, LngLat } from "./fleet-protocol";

/** Distinct road loops; vehicles share them, spread along each by the simulator's seed. */
const LOOPS = 100;
const STOPS_PER_LOOP = 4;

/** The real Waybill server the bench drives, with its admin key. */
export interface BenchSystem {
  readonly system: RunningSystem;
  /** fetch against the server as the operator admin; throws on a non-2xx answer. */
  api<T>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the system in this process on the bench broker and scratch database, on the given road network. */
export async function startBenchSystem(
  mqttUrl: string,
  databaseUrl: string,
  osmFile: string,
): Promise<BenchSystem> {
  const adminKey = `bench-admin-${randomBytes(16).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "waybill-bench-fps-"));
  const system = await startSystem({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      MQTT_URL: mqttUrl,
      MQTT_CLIENT_ID: `waybill-bench-${randomBytes(6).toString("hex")}`,
      WAYBILL_ADMIN_KEY: adminKey,
      OSM_FILE: osmFile,
      LOG_LEVEL: "warn",
    },
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const api = async <T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${system.url}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    system,
    api,
    stop: async () => {
      await system.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A vehicle the bench created: its id and its device's. */
export interface BenchVehicle {
  readonly vehicleId: string;
  readonly deviceId: string;
}

/** Creates `count` vehicles with devices `fps-00000…` (10 requests at a time). */
export async function provisionFleet(bench: BenchSystem, count: number): Promise<BenchVehicle[]> {
  const deviceIds = Array.from({ length: count }, (_, i) => `fps-${String(i).padStart(5, "0")}`);
  const create = async (deviceId: string): Promise<BenchVehicle> => {
    const json = { name: `Van ${deviceId.slice(4)}`, deviceId };
    const created = await bench.api<{ id: string }>("/api/v1/vehicles", { method: "POST", json });
    return { vehicleId: created.id, deviceId };
  };
  const vehicles: BenchVehicle[] = [];
  for (let i = 0; i < deviceIds.length; i += 10)
    vehicles.push(...(await Promise.all(deviceIds.slice(i, i + 10).map(create))));
  return vehicles;
}

/** A dispatcher of the operator organisation, to sign in to the console. */
export async function createDispatcher(bench: BenchSystem): Promise<{ email: string; password: string }> {
  const login = {
    email: `fps-${randomBytes(4).toString("hex")}@bench.waybill.local`,
    password: randomBytes(12).toString("hex"),
  };
  await bench.api("/api/v1/users", {
    method: "POST",
    json: { ...login, name: "Bench dispatcher", role: "dispatcher" },
  });
  return login;
}

/** A bench vehicle with its loop and speed. */
export interface PlannedVehicle extends BenchVehicle, FleetVehicleSpec {}

/**
 * Puts each vehicle on one of {@link LOOPS} closed delivery loops on the real road network (the
 * fastest route through a few seeded random points and back), at 25-55 km/h.
 */
export async function planFleet(
  bench: BenchSystem,
  fleet: readonly BenchVehicle[],
): Promise<PlannedVehicle[]> {
  const roads = await bench.api<{ features: { geometry: { coordinates: LngLat[] } }[] }>(
    "/api/v1/map/streets",
  );
  const bbox = boundingBox(roads.features.flatMap((feature) => feature.geometry.coordinates));
  const random = createSeededRandom(7);
  const inner = (min: number, max: number) => min + (max - min) * random.between(0.1, 0.9);
  const loops: LngLat[][] = [];
  for (let attempt = 0; loops.length < LOOPS && attempt < LOOPS * 10; attempt++) {
    const stops = Array.from(
      { length: STOPS_PER_LOOP },
      () => `${inner(bbox[0], bbox[2])},${inner(bbox[1], bbox[3])}`,
    );
    try {
      const route = await bench.api<{ geometry: { coordinates: LngLat[] } }>(
        `/api/v1/route?points=${[...stops, stops[0]].join(";")}&steps=false`,
      );
      if (route.geometry.coordinates.length >= 2) loops.push(route.geometry.coordinates);
    } catch {
      // A point off the network or unreachable: draw other points.
    }
  }
  if (loops.length === 0) throw new Error("bench map-fps: no road loop could be planned on this network");
  return fleet.map((vehicle, i) => ({
    ...vehicle,
    route: loops[i % loops.length]!,
    speedKmh: 25 + (i % 7) * 5,
  }));
}

function boundingBox(points: readonly LngLat[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of points) {
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}
