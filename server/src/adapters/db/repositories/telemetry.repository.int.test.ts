import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestStateOf } from "../../../ports/telemetry-store";
import {
  CONTRACT_FIXTURE,
  describeTelemetryStoreContract,
  position,
} from "../../../ports/telemetry-store.contract";
import { organisations, vehicleStates, vehicles } from "../schema";
import { openTestDatabase, type TestDatabase } from "../testing/test-database";
import { DrizzleTelemetryStore } from "./telemetry.repository";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

async function freshStore(): Promise<DrizzleTelemetryStore> {
  await database.truncate();
  await database.db
    .insert(organisations)
    .values(CONTRACT_FIXTURE.organisations.map((id) => ({ id, name: id })));
  await database.db.insert(vehicles).values(CONTRACT_FIXTURE.vehicles.map((v) => ({ ...v, name: v.id })));
  return new DrizzleTelemetryStore(database);
}

describeTelemetryStoreContract(process.env.DATABASE_URL ? "PostgreSQL" : "PGlite", freshStore);

describe(DrizzleTelemetryStore.name, () => {
  it("stores a fractional fixAt to the millisecond instead of failing its whole batch", async () => {
    const store = await freshStore();
    const base = position("veh_a1", 1);
    const fractional = { ...base, fixAt: base.fixAt + 0.25, receivedAt: base.receivedAt + 0.5 };
    expect(await store.writeBatch({ positions: [fractional], latest: [], rejects: [] })).toEqual({
      positionsInserted: 1,
    });
    const [stored] = await store.track("veh_a1", base.fixAt, base.fixAt + 1, 10);
    expect(stored?.fixAt).toBe(base.fixAt);
  });
});

describe("positions without a foreign key to their vehicle", () => {
  it("fail their whole batch for an unknown vehicle, naming it", async () => {
    const store = await freshStore();
    const known = position("veh_a1", 1);
    const unknown = position("veh_gone", 1);
    await expect(
      store.writeBatch({ positions: [known, unknown, known], latest: [latestStateOf(known)], rejects: [] }),
    ).rejects.toThrow(/unknown vehicles: veh_gone/);
    expect(await store.track("veh_a1", known.fixAt, known.fixAt, 10)).toHaveLength(0);
    expect(await store.latestStates(["veh_a1"])).toHaveLength(0);
  });

  it("go with their vehicle when it is deleted", async () => {
    const store = await freshStore();
    const [a, b] = [position("veh_a1", 1), position("veh_b1", 1)];
    await store.writeBatch({ positions: [a, b], latest: [latestStateOf(a), latestStateOf(b)], rejects: [] });
    await database.db.delete(vehicleStates).where(eq(vehicleStates.vehicleId, "veh_a1"));
    await database.db.delete(vehicles).where(eq(vehicles.id, "veh_a1"));
    expect(await store.track("veh_a1", a.fixAt, a.fixAt, 10)).toHaveLength(0);
    expect(await store.track("veh_b1", b.fixAt, b.fixAt, 10)).toHaveLength(1);
  });
});
