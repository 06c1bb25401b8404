import { afterAll, beforeAll } from "vitest";
import { CONTRACT_FIXTURE, describeTelemetryStoreContract } from "../../../ports/telemetry-store.contract";
import { organisations, vehicles } from "../schema";
import { openTestDatabase, type TestDatabase } from "../testing/test-database";
import { DrizzleTelemetryStore } from "./telemetry.repository";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

describeTelemetryStoreContract(process.env.DATABASE_URL ? "PostgreSQL" : "PGlite", async () => {
  await database.truncate();
  await database.db
    .insert(organisations)
    .values(CONTRACT_FIXTURE.organisations.map((id) => ({ id, name: id })));
  await database.db.insert(vehicles).values(CONTRACT_FIXTURE.vehicles.map((v) => ({ ...v, name: v.id })));
  return new DrizzleTelemetryStore(database.db);
});
