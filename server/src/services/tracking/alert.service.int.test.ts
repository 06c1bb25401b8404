import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, organisations } from "../../adapters/db/schema";
import { openTestDatabase, type TestDatabase } from "../../adapters/db/testing/test-database";
import type { LiveEvents } from "../../ports/live-events";
import { type AlertCondition, AlertService } from "./alert.service";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.insert(organisations).values({ id: "org_1", name: "Fleet" });
});
afterAll(() => database.dispose());

const late: AlertCondition = {
  kind: "late_for_window",
  vehicleId: "veh_1",
  orderId: "ord_1",
  stopId: "stp_1",
  detail: "late",
};

/** Two instances of the service on one database, as two server processes are. */
function twoInstances() {
  const published: string[] = [];
  const live = { publish: (_org: string, event: string) => published.push(event) } as unknown as LiveEvents;
  return { a: new AlertService(database.db, live), b: new AlertService(database.db, live), published };
}

describe(AlertService.name, () => {
  it("raises an alert once when two instances raise it at the same moment", async () => {
    const { a, b, published } = twoInstances();
    const raised = await Promise.all([
      a.raise("org_1", late),
      b.raise("org_1", late),
      a.raise("org_1", late),
    ]);
    expect(raised.filter(Boolean)).toHaveLength(1);
    const open = await a.list("org_1", { open: true });
    expect(open.filter((alert) => alert.orderId === "ord_1")).toHaveLength(1);
    expect(published).toEqual(["alert:raised"]);
  });

  it("raises it again once the open one is cleared", async () => {
    const { a, b } = twoInstances();
    expect(await b.clear("org_1", late)).toBe(true);
    expect(await a.raise("org_1", late)).toBe(true);
    const rows = (await database.db.select().from(alerts)).filter((row) => row.orderId === "ord_1");
    expect(rows.map((row) => row.clearedAt === null).sort()).toEqual([false, true]);
  });
});
