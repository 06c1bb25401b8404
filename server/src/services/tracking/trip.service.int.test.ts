import type { LngLat } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DrizzleDeviceDirectory } from "../../adapters/db/repositories/device-directory.repository";
import { DrizzleTelemetryStore } from "../../adapters/db/repositories/telemetry.repository";
import { VehiclesRepository } from "../../adapters/db/repositories/vehicles.repository";
import { organisations, vehicles } from "../../adapters/db/schema";
import { openTestDatabase, type TestDatabase } from "../../adapters/db/testing/test-database";
import { RoutingPool } from "../../adapters/routing/routing-pool";
import { driveAlong, offsetFix } from "../../domain/matching/__fixtures__/drive";
import type { GpsFix } from "../../domain/matching/match-types";
import { DijkstraSearch } from "../../domain/road/dijkstra";
import { buildRoadGraphFromExtract } from "../../domain/road/road-import";
import { SnapIndex } from "../../domain/road/snap";
import { generateSyntheticTown } from "../../domain/road/synthetic-town";
import type { StoredPosition } from "../../ports/telemetry-store";
import { VehicleService } from "../vehicle.service";
import { type DayHistory, dayAsGpx, TripService } from "./trip.service";

/** The town the server routes on by default (graph-source.ts), built here too to drive on it. */
const TOWN_SEED = 7;
const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: TOWN_SEED }));
const roads = new SnapIndex(graph);
const DAY = "2026-11-22";
const MORNING = Date.parse(`${DAY}T08:00:00Z`);
/** Parked 5 minutes (a stay is 3+ minutes within 50 m), a fix every 30 s. */
const PARKED_MS = 5 * 60_000;

let database: TestDatabase;
let pool: RoutingPool;
let trips: TripService;
let telemetry: DrizzleTelemetryStore;

beforeAll(async () => {
  database = await openTestDatabase();
  pool = await RoutingPool.start({ kind: "synthetic", seed: TOWN_SEED }, 1);
  const { db } = database;
  await db.insert(organisations).values({ id: "org_1", name: "Fleet" });
  await db
    .insert(vehicles)
    .values(["veh_1", "veh_2"].map((id) => ({ id, organisationId: "org_1", name: id })));
  telemetry = new DrizzleTelemetryStore(database);
  const vehicleService = new VehicleService(
    new VehiclesRepository(db),
    new DrizzleDeviceDirectory(db),
    telemetry,
  );
  trips = new TripService(db, telemetry, vehicleService, {
    matchTrack: (fixes) => pool.matchTrack({ fixes }),
  });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await database?.dispose();
});

describe(TripService.name, () => {
  it("draws a day's trip on the roads, as long as the road driven, timed from the fixes", async () => {
    // 1 Hz fixes with 8 m of noise along a road route of 2 km or more, parked at both ends.
    const route = longRoute(2_000);
    const drive = driveAlong(graph, route.edges, {
      speedMps: 11,
      intervalS: 1,
      noiseM: 8,
      seed: 5,
      startAt: MORNING + PARKED_MS,
    });
    await store("veh_1", [
      ...parked(drive[0]!, MORNING),
      ...drive,
      ...parked(drive.at(-1)!, drive.at(-1)!.fixAt! + 30_000),
    ]);

    const day = await trips.day("org_1", "veh_1", DAY, "UTC");
    const [trip, ...more] = tripsOf(day);
    expect(more).toEqual([]);
    expect(trip!.properties.matched).toBe(true);
    expect(trip!.properties.rawStretches).toEqual([]);
    const { coordinates } = trip!.geometry;
    expect(Math.max(...coordinates.map(metresFromRoad))).toBeLessThan(1);
    expect(trip!.properties.distanceM).toBeGreaterThan(route.distanceM * 0.97);
    expect(trip!.properties.distanceM).toBeLessThan(route.distanceM * 1.03);
    const times = trip!.properties.coordinateAt;
    expect(times).toHaveLength(coordinates.length);
    expect(times.every((at, k) => k === 0 || at >= times[k - 1]!)).toBe(true);
    expect([times[0], times.at(-1)]).toEqual([
      Date.parse(trip!.properties.startAt),
      Date.parse(trip!.properties.endAt),
    ]);
    expect(trip!.properties.osmNodeIds.length).toBeGreaterThan(10);
    expect(trip!.properties.rawFixes).toBeUndefined();

    // GPX follows the matched line too; the stored fixes come on request.
    expect(dayAsGpx(day).match(/<trkpt /g)).toHaveLength(coordinates.length);
    const [withRaw] = tripsOf(await trips.day("org_1", "veh_1", DAY, "UTC", { raw: true }));
    expect(withRaw!.properties.rawFixes?.fixAt).toHaveLength(trip!.properties.fixCount);
  }, 60_000);

  it("falls back to the raw fixes where the vehicle leaves the road network, and says so", async () => {
    // On the roads for 1 km or more, then 800 m on across the fields east of the town.
    const route = longRoute(1_000, 1);
    const drive = driveAlong(graph, route.edges, {
      speedMps: 11,
      intervalS: 5,
      noiseM: 5,
      seed: 9,
      startAt: MORNING + PARKED_MS,
    });
    const end = drive.at(-1)!;
    const eastM = eastOfTownM(end);
    const offRoad = Array.from({ length: 16 }, (_, k) =>
      offsetFix({ ...end, fixAt: end.fixAt! + (k + 1) * 5_000 }, eastM + (k + 1) * 50, 0),
    );
    const last = offRoad.at(-1)!;
    await store("veh_2", [
      ...parked(drive[0]!, MORNING),
      ...drive,
      ...offRoad,
      ...parked(last, last.fixAt! + 30_000),
    ]);

    const [trip] = tripsOf(await trips.day("org_1", "veh_2", DAY, "UTC"));
    expect(trip!.properties.matched).toBe(false);
    const { coordinates } = trip!.geometry;
    const [[first, lastRaw]] = trip!.properties.rawStretches as [[number, number]];
    expect(lastRaw).toBe(coordinates.length - 1);
    expect(metresFromRoad(coordinates[0]!)).toBeLessThan(1);
    expect(coordinates.slice(first + 1).every((point) => metresFromRoad(point) > 100)).toBe(true);
  }, 60_000);
});

/** The trips of a day, as the tests read them. */
function tripsOf(day: DayHistory) {
  return day.features.filter((feature) => feature.properties.kind === "trip") as unknown as {
    geometry: { coordinates: LngLat[] };
    properties: {
      matched: boolean;
      rawStretches: [number, number][];
      distanceM: number;
      coordinateAt: number[];
      startAt: string;
      endAt: string;
      osmNodeIds: number[];
      fixCount: number;
      rawFixes?: { fixAt: number[] };
    };
  }[];
}

/** The first fastest route between nodes of the town (in a fixed order) at least `minM` long. */
function longRoute(minM: number, skip = 0) {
  const search = new DijkstraSearch(graph);
  let found = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    const path = search.shortestPath(v, graph.nodeCount - 1 - v);
    if (path && path.distanceM >= minM && found++ === skip) return path;
  }
  throw new Error(`no route of ${minM} m in the town`);
}

/** Fixes every 30 s for {@link PARKED_MS} at one place, from `fromAt`. */
function parked(at: GpsFix, fromAt: number): GpsFix[] {
  return Array.from({ length: PARKED_MS / 30_000 + 1 }, (_, k) => ({ ...at, fixAt: fromAt + k * 30_000 }));
}

async function store(vehicleId: string, fixes: readonly GpsFix[]): Promise<void> {
  const positions: StoredPosition[] = fixes.map((fix) => ({
    vehicleId,
    deviceId: `dev_${vehicleId}`,
    receivedAt: fix.fixAt!,
    fixAt: fix.fixAt!,
    lat: fix.lat,
    lng: fix.lng,
    speedKmh: 40,
    headingDeg: null,
    accuracyM: fix.accuracyM ?? null,
    altitudeM: null,
    odometerKm: null,
    ignition: null,
    batteryPct: null,
    attrs: {},
  }));
  await telemetry.writeBatch({ positions, latest: [], rejects: [] });
}

function metresFromRoad(point: LngLat): number {
  return roads.snap(point, { maxDistanceM: 5_000 })?.distanceM ?? Number.POSITIVE_INFINITY;
}

/** How far east of `fix` the town's last node is, metres (plus 300 m: clear of every road). */
function eastOfTownM(fix: GpsFix): number {
  let east = -180;
  for (let v = 0; v < graph.nodeCount; v++) east = Math.max(east, graph.nodeLng[v]!);
  return (east - fix.lng) * 111_320 * Math.cos((fix.lat * Math.PI) / 180) + 300;
}
