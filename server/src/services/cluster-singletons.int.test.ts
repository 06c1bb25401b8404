import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LockSession, PgliteLockSession, PostgresLockSession } from "../adapters/db/advisory-locks";
import { rowsOf } from "../adapters/db/database";
import { openTestDatabase, type TestDatabase } from "../adapters/db/testing/test-database";
import { eventually } from "../adapters/webhooks/testing/eventually";
import { ClusterSingletons, type SingletonJob } from "./cluster-singletons";

const log = pino({ level: "silent" });
let database: TestDatabase;
const instances: ClusterSingletons[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await Promise.all(instances.splice(0).map((instance) => instance.close()));
});
afterAll(() => database?.dispose());

/** A job that records whether it runs, and how often it was started. */
function recordingJob(): SingletonJob & { running: boolean; starts: number } {
  const job = {
    running: false,
    starts: 0,
    start() {
      job.running = true;
      job.starts++;
    },
    stop() {
      job.running = false;
    },
  };
  return job;
}

function instance(openSession: () => Promise<LockSession>): ClusterSingletons {
  const singletons = new ClusterSingletons(openSession, log, { checkIntervalMs: 50 });
  instances.push(singletons);
  return singletons;
}

const postgresSessions = () => PostgresLockSession.connect(database.url as string);

describe(ClusterSingletons.name, () => {
  it("runs every job of a lone instance at its first round and stops them on close", async () => {
    const open = database.url ? postgresSessions : async () => new PgliteLockSession(database.db);
    const singletons = instance(open);
    const [sweep, dispatcher] = [recordingJob(), recordingJob()];
    singletons.add("test-sweep", sweep);
    singletons.add("test-dispatcher", dispatcher);
    await singletons.start();
    expect([sweep.running, dispatcher.running]).toEqual([true, true]);
    expect(singletons.held.sort()).toEqual(["test-dispatcher", "test-sweep"]);
    await singletons.close();
    expect([sweep.running, dispatcher.running]).toEqual([false, false]);
  });

  it("sees no other instance on embedded PGlite", async () => {
    const singletons = instance(async () => new PgliteLockSession(database.db));
    if (!database.url) expect(await singletons.countPeers()).toBe(0);
  });

  it("refuses two jobs under one name", () => {
    const singletons = instance(async () => new PgliteLockSession(database.db));
    singletons.add("twice", recordingJob());
    expect(() => singletons.add("twice", recordingJob())).toThrow("singleton twice is already registered");
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  `${ClusterSingletons.name} across instances (skipped: needs real PostgreSQL; PGlite is one process)`,
  () => {
    it("runs a job on one instance only, and on another one when the holder closes", async () => {
      const [a, b] = [instance(postgresSessions), instance(postgresSessions)];
      const [onA, onB] = [recordingJob(), recordingJob()];
      a.add("test-handover", onA);
      b.add("test-handover", onB);
      await a.start();
      await b.start();
      await new Promise((resolve) => setTimeout(resolve, 200)); // several rounds of b
      expect([onA.running, onB.running]).toEqual([true, false]);
      await a.close();
      await eventually(() => (onB.running ? true : undefined), "the job to move to b", 2000);
      expect(onA.running).toBe(false);
      expect(onB.starts).toBe(1);
    });

    it("stops the job when its lock connection dies, and another instance takes over", async () => {
      // a cannot reconnect once its connection is gone, like a process cut off from the database.
      let opened = 0;
      const a = instance(() =>
        opened++ === 0 ? postgresSessions() : Promise.reject(new Error("unreachable")),
      );
      const b = instance(postgresSessions);
      const [onA, onB] = [recordingJob(), recordingJob()];
      a.add("test-crash", onA);
      await a.start();
      b.add("test-crash", onB);
      await b.start();
      expect([onA.running, onB.running]).toEqual([true, false]);
      // What PostgreSQL sees when a process dies: its connection ends, its locks are freed.
      const terminated = rowsOf<{ pid: number }>(
        await database.db.execute(sql`select pg_terminate_backend(pid) as pid from pg_locks
          where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`),
      );
      expect(terminated).toHaveLength(1);
      await eventually(() => (onB.running && !onA.running ? true : undefined), "b to take over", 2000);
      expect(a.held).toEqual([]);
      // a keeps trying to reconnect (on its next round, which may come after b took over).
      await eventually(() => (opened > 1 ? true : undefined), "a to try to reconnect", 2000);
    });

    it("counts the other live instances on the database", async () => {
      const a = instance(postgresSessions);
      await a.start();
      await eventually(
        async () => ((await a.countPeers()) === 0 ? true : undefined),
        "earlier tests' sessions to end",
      );
      const b = instance(postgresSessions);
      await b.start();
      expect(await a.countPeers()).toBe(1);
      expect(await b.countPeers()).toBe(1);
      await b.close();
      await eventually(
        async () => ((await a.countPeers()) === 0 ? true : undefined),
        "b's session to end",
        2000,
      );
    });

    it("waits for a claim until its holder lets go", async () => {
      const [a, b] = [instance(postgresSessions), instance(postgresSessions)];
      await a.start();
      await b.start();
      await a.claim("test-claim", 1000);
      await expect(b.claim("test-claim", 200)).rejects.toThrow("another instance holds test-claim");
      const waiting = b.claim("test-claim", 2000);
      await a.close();
      await waiting;
      expect(b.holds("test-claim")).toBe(true);
    });
  },
);
