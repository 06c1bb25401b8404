import { createScratchDatabase } from "../../server/src/adapters/db/testing/test-database";
import { postgres } from "../support/packages";

/** The bench's scratch PostgreSQL database and the queries the bench runs on it. */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  /** Rows in `positions`. */
  countPositions(): Promise<number>;
  /** The server's version string. */
  version(): Promise<string>;
  drop(): Promise<void>;
}

/** Creates an empty database `waybill_t_<random>` beside `adminUrl` (the server migrates it). */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const scratch = await createScratchDatabase(adminUrl);
  const name = new URL(scratch.url).pathname.slice(1);
  const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const count = async (table: "positions") => {
    const [row] = await sql<{ n: string }[]>`select count(*) as n from ${sql(table)}`;
    return Number(row?.n ?? 0);
  };
  return {
    url: scratch.url,
    name,
    countPositions: () => count("positions"),
    version: async () => {
      const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
      return row?.v ?? "?";
    },
    drop: async () => {
      await sql.end({ timeout: 5 });
      await scratch.drop();
    },
  };
}
