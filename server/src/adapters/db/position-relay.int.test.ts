import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import { PostgresPositionRelay } from "./position-relay";
import { openTestDatabase, type TestDatabase } from "./testing/test-database";

const log = pino({ level: "silent" });
const position = (i: number): ScopedPosition => ({
  organisationId: "org_1",
  vehicleId: `veh_${i % 7}`,
  fixAt: 1_765_000_000_000 + i * 1000,
  lat: 43.7 + i * 1e-6,
  lng: 7.4,
  speedKmh: 30,
  headingDeg: null,
});

describe.skipIf(!process.env.DATABASE_URL)(
  `${PostgresPositionRelay.name} (skipped on PGlite: LISTEN/NOTIFY between processes needs PostgreSQL)`,
  () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(() => database?.dispose());

    it("lists the live instances, hands a large batch to one in order, and forgets an instance that closed", async () => {
      const url = database.url as string;
      const [a, b] = await Promise.all([
        PostgresPositionRelay.connect(url, log),
        PostgresPositionRelay.connect(url, log),
      ]);
      try {
        const members = [a.self, b.self].sort();
        expect(await a.members()).toEqual(members);
        expect(await b.members()).toEqual(members);
        const received: ScopedPosition[] = [];
        b.onPositions((positions) => received.push(...positions));
        const sent = Array.from({ length: 400 }, (_, i) => position(i)); // several NOTIFY payloads
        await a.send(b.self, sent);
        await until(async () => received.length >= sent.length);
        expect(received).toEqual(sent);
        await b.close();
        // Its backend ends a moment after the connection closes.
        await until(async () => (await a.members()).length === 1);
        expect(await a.members()).toEqual([a.self]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  },
);

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition()) && Date.now() - started < timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
