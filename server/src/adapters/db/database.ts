import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

/** The drizzle database, the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction of {@link Db}. */
export type DbTransaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Where a statement runs: the database itself or an open transaction. */
export type DbExecutor = Db | DbTransaction;

/** An open, migrated database and how to close it. */
export interface Database {
  readonly db: Db;
  readonly kind: "pglite" | "postgres";
  /** Resolves when a trivial query succeeds; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * Runs a fixed statement (SQL text with `$1`... parameters) prepared: on PostgreSQL a named
   * statement, parsed and planned once per connection, then one round trip per run (drizzle's
   * `execute` sends every statement unnamed: parse, plan and a describe round trip each time); on
   * PGlite, in process, a plain query. For the statements on the ingest's hot path.
   */
  runPrepared: PreparedRunner;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Runs one fixed statement with its parameters; resolves with the rows it returned. */
export type PreparedRunner = (text: string, params: readonly string[]) => Promise<Record<string, unknown>[]>;

/** Where to open the database: a PostgreSQL URL, a PGlite data folder, or PGlite in memory. */
export type DatabaseTarget =
  | { readonly kind: "postgres"; readonly url: string; readonly maxConnections?: number }
  | { readonly kind: "pglite"; readonly dataDir: string | null };

/**
 * Seconds before a pooled connection reconnects after `failures` failed attempts in a row (jittered,
 * at most 1 s). postgres.js's default grows to 10-20 s after a dozen failures, so once the database
 * is back after an outage, queries queued on such a connection would wait that long: the ingest
 * caught up 8-19 s after a 30 s outage instead of 1-2 s. One attempt a second per connection is cheap.
 */
const reconnectDelaySeconds = (failures: number): number =>
  (0.5 + Math.random() / 2) * Math.min(2 ** failures / 100, 1);

/**
 * Opens the database and applies the migrations (the same SQL on both engines).
 *
 * @example
 * const database = await openDatabase({ kind: "pglite", dataDir: ".waybill" });
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.maxConnections ?? 10)
    : openPglite(target.dataDir);
}

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  const client = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    connection: { application_name: "waybill" },
    backoff: reconnectDelaySeconds,
  });
  const db = drizzlePostgres(client, { schema });
  await retry(() => client`select 1`, 5);
  await migrateExclusively(url, () => migratePostgres(db, { migrationsFolder }));
  return {
    db: db as unknown as Db,
    kind: "postgres",
    ping: async () => void (await client`select 1`),
    runPrepared: async (text, params) => [...(await client.unsafe(text, [...params], { prepare: true }))],
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Runs the migrations while holding a PostgreSQL advisory lock on a connection of its own, so
 * instances started together migrate one after another (the later ones find nothing to do).
 */
async function migrateExclusively(url: string, migrate: () => Promise<void>): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(hashtextextended('waybill:migrations', 0))`;
    await migrate();
  } finally {
    await lock.end({ timeout: 5 }); // ending the session frees the lock
  }
}

async function openPglite(dataDir: string | null): Promise<Database> {
  let dir: string | undefined;
  if (dataDir !== null) {
    dir = join(dataDir, "pgdata");
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    ping: async () => void (await db.execute(sql`select 1`)),
    runPrepared: async (text, params) =>
      (await client.query<Record<string, unknown>>(text, [...params])).rows,
    close: () => client.close(),
  };
}

async function retry<T>(operation: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts)
        throw new Error(`database unreachable after ${attempts} attempts`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

/** Rows of a raw `db.execute()` result: PGlite answers `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
