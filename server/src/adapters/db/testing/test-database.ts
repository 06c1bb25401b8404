import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase } from "../database";

/** A migrated database of its own for one test file, and how to empty and drop it. */
export interface TestDatabase extends Database {
  /** Empties every table (keeps the schema). */
  truncate(): Promise<void>;
  /** Closes and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
  /** The URL of the per-file PostgreSQL database, or null on PGlite. */
  readonly url: string | null;
}

/**
 * Opens a fresh database: on PostgreSQL when `DATABASE_URL` is set (a new database named
 * `waybill_t_<random>` is created beside it and dropped by `dispose`), else PGlite in memory.
 * This is how every `*.int.test.ts` runs the same suite on both engines.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ kind: "pglite", dataDir: null });
    return { ...database, url: null, truncate: () => truncateAll(database), dispose: () => database.close() };
  }
  const scratch = await createScratchDatabase(adminUrl);
  const database = await openDatabase({ kind: "postgres", url: scratch.url, maxConnections: 4 });
  return {
    ...database,
    url: scratch.url,
    truncate: () => truncateAll(database),
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/**
 * Creates an empty database `waybill_t_<random>` on the server of `adminUrl`, for one test file
 * or one test system, so runs never see each other's rows.
 */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `waybill_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The same server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function truncateAll(database: Database): Promise<void> {
  await database.db.execute(
    sql`truncate table road_closures, positions, vehicle_states, rejected_telemetry, devices, vehicles, sessions, api_keys, users, organisations restart identity cascade`,
  );
}
