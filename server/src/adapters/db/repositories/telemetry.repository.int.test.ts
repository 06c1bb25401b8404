import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTRACT_FIXTURE,
  describeTelemetryStoreContract,
  position,
} from "../../../ports/telemetry-store.contract";
import { organisations, vehicles } from "../schema";
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
