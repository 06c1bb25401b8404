import { describe, expect, it } from "vitest";
import {
  latestStateOf,
  type RejectRecord,
  type StoredPosition,
  type TelemetryStore,
} from "./telemetry-store";

/** Fixture vehicles the implementation under test must know (exist with these ids and orgs). */
export const CONTRACT_FIXTURE = {
  organisations: ["org_a", "org_b"],
  vehicles: [
    { id: "veh_a1", organisationId: "org_a" },
    { id: "veh_b1", organisationId: "org_b" },
  ],
} as const;

const t0 = Date.parse("2026-11-22T08:00:00Z");

export const position = (vehicleId: string, seconds: number, lat = 43.7, lng = 7.4): StoredPosition => ({
  vehicleId,
  deviceId: `dev-${vehicleId}`,
  fixAt: t0 + seconds * 1000,
  receivedAt: t0 + seconds * 1000 + 150,
  lat,
  lng,
  speedKmh: 30,
  headingDeg: 90,
  accuracyM: 5,
  altitudeM: null,
  odometerKm: null,
  ignition: true,
  batteryPct: null,
  attrs: { seconds },
});

const reject = (organisationId: string | null, reason: RejectRecord["reason"]): RejectRecord => ({
  organisationId,
  deviceId: organisationId ? "dev-x" : "ghost",
  topic: "waybill/v1/devices/dev-x/telemetry",
  reason,
  detail: `${reason} detail`,
  reportIndex: null,
  payloadExcerpt: "{}",
  receivedAt: t0,
});

/**
 * The behaviour every {@link TelemetryStore} must have. Run by each implementation's test with a
 * factory that returns a fresh store holding {@link CONTRACT_FIXTURE}.
 */
export function describeTelemetryStoreContract(name: string, makeStore: () => Promise<TelemetryStore>): void {
  describe(`TelemetryStore contract: ${name}`, () => {
    it("stores a batch and returns the track in time order", async () => {
      const store = await makeStore();
      const batch = [position("veh_a1", 20), position("veh_a1", 10), position("veh_b1", 10)];
      expect(await store.writeBatch({ positions: batch, latest: [], rejects: [] })).toEqual({
        positionsInserted: 3,
      });
      const track = await store.track("veh_a1", t0, t0 + 60_000, 100);
      expect(track.map((p) => p.fixAt)).toEqual([t0 + 10_000, t0 + 20_000]);
      expect(track[0]).toEqual(position("veh_a1", 10));
    });

    it("stores sensor values at the edges of what devices may send, without failing the batch", async () => {
      const store = await makeStore();
      // A speed too small for a 4-byte float (an underflow to PostgreSQL) and the largest
      // altitude and odometer the decoders accept.
      const edge = {
        ...position("veh_a1", 5),
        speedKmh: 1e-300,
        altitudeM: 100_000,
        odometerKm: 100_000_000,
      };
      expect(
        await store.writeBatch({ positions: [edge], latest: [latestStateOf(edge)], rejects: [] }),
      ).toEqual({
        positionsInserted: 1,
      });
      const [stored] = await store.track("veh_a1", t0, t0 + 60_000, 10);
      expect(stored).toMatchObject({ altitudeM: 100_000, odometerKm: 100_000_000 });
      expect(stored?.speedKmh).toBeCloseTo(0, 10);
    });

    it("stores nothing twice when the same positions arrive again", async () => {
      const store = await makeStore();
      const batch = [position("veh_a1", 1), position("veh_a1", 2)];
      await store.writeBatch({ positions: batch, latest: [], rejects: [] });
      const again = await store.writeBatch({
        positions: [...batch, position("veh_a1", 3)],
        latest: [],
        rejects: [],
      });
      expect(again.positionsInserted).toBe(1);
      expect(await store.track("veh_a1", t0, t0 + 10_000, 100)).toHaveLength(3);
    });

    it("stores nothing twice when one batch holds the same position twice, or repeats stored ones", async () => {
      const store = await makeStore();
      await store.writeBatch({ positions: [position("veh_a1", 1)], latest: [], rejects: [] });
      const repeated = [
        position("veh_a1", 2),
        position("veh_a1", 2),
        position("veh_a1", 1),
        position("veh_b1", 2),
      ];
      expect(await store.writeBatch({ positions: repeated, latest: [], rejects: [] })).toEqual({
        positionsInserted: 2,
      });
      expect(await store.track("veh_a1", t0, t0 + 10_000, 100)).toEqual([
        position("veh_a1", 1),
        position("veh_a1", 2),
      ]);
    });

    it("stores the positions, latest states and dead letters of one batch together, texts as given", async () => {
      const store = await makeStore();
      const p = position("veh_a1", 5);
      const awkward = {
        ...reject("org_a", "invalid_schema"),
        detail: 'lat: expected a number, got "NULL" \\ {1,2}\n',
        payloadExcerpt: '{"lat":"NULL","attrs":{"a":"\\"}"}}',
        reportIndex: 3,
      };
      const written = await store.writeBatch({
        positions: [p],
        latest: [latestStateOf(p)],
        rejects: [awkward],
      });
      expect(written).toEqual({ positionsInserted: 1 });
      expect(await store.latestStates(["veh_a1"])).toEqual([latestStateOf(p)]);
      const [stored] = await store.rejected({ organisationId: "org_a", includeUnattributed: false }, 10);
      expect(stored).toEqual({ ...awkward, id: stored!.id });
    });

    it("moves the latest state forward only", async () => {
      const store = await makeStore();
      const newer = position("veh_a1", 50, 43.75);
      await store.writeBatch({ positions: [newer], latest: [latestStateOf(newer)], rejects: [] });
      const older = position("veh_a1", 40, 43.71);
      await store.writeBatch({ positions: [older], latest: [latestStateOf(older)], rejects: [] });
      expect(await store.latestStates(["veh_a1"])).toEqual([latestStateOf(newer)]);
      const newest = position("veh_a1", 60, 43.76);
      await store.writeBatch({ positions: [newest], latest: [latestStateOf(newest)], rejects: [] });
      expect(await store.latestStates()).toEqual([latestStateOf(newest)]);
    });

    it("limits the track and the time range", async () => {
      const store = await makeStore();
      const batch = Array.from({ length: 10 }, (_, i) => position("veh_a1", i));
      await store.writeBatch({ positions: batch, latest: [], rejects: [] });
      expect(await store.track("veh_a1", t0 + 2_000, t0 + 5_000, 100)).toHaveLength(4);
      expect(await store.track("veh_a1", t0, t0 + 9_000, 3)).toHaveLength(3);
    });

    it("keeps dead letters scoped to their organisation, newest first", async () => {
      const store = await makeStore();
      const rejects = [
        reject("org_a", "malformed_json"),
        reject("org_b", "invalid_time"),
        reject(null, "unknown_device"),
      ];
      await store.writeBatch({ positions: [], latest: [], rejects });
      const ofA = await store.rejected({ organisationId: "org_a", includeUnattributed: false }, 10);
      expect(ofA.map((r) => r.reason)).toEqual(["malformed_json"]);
      const operator = await store.rejected({ organisationId: "org_b", includeUnattributed: true }, 10);
      expect(operator.map((r) => r.reason)).toEqual(["unknown_device", "invalid_time"]);
      const page = await store.rejected(
        { organisationId: "org_b", includeUnattributed: true },
        10,
        operator[0]!.id,
      );
      expect(page.map((r) => r.reason)).toEqual(["invalid_time"]);
    });

    it("writes nothing of a batch that fails", async () => {
      const store = await makeStore();
      const bad = { ...position("veh_missing", 1) };
      await expect(
        store.writeBatch({ positions: [position("veh_a1", 1), bad], latest: [], rejects: [] }),
      ).rejects.toThrow();
      expect(await store.track("veh_a1", t0, t0 + 10_000, 100)).toHaveLength(0);
    });
  });
}
