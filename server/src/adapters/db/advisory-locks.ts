import { sql } from "drizzle-orm";
import pg from "pg";
import { type Db, rowsOf } from "./database";

/**
 * A database session that holds named PostgreSQL advisory locks for this process. A lock is held
 * until it is unlocked or the session ends: when the process dies (even by SIGKILL) its
 * connection closes and PostgreSQL frees every lock it held, so another instance can take over.
 * Locks are re-entrant within one session (a second `tryLock` of a held name succeeds and needs
 * its own `unlock`).
 */
export interface LockSession {
  /** Takes the lock if no other session holds it; false when another one does. */
  tryLock(name: string): Promise<boolean>;
  unlock(name: string): Promise<void>;
  /** Resolves while the session is alive; rejects once it is gone (every lock is lost). */
  check(): Promise<void>;
  /** Lock sessions of other instances on the same database now (each live instance has one). */
  countPeers(): Promise<number>;
  /** Called once when the session is lost (connection closed or broken). */
  onLost(listener: (error: Error) => void): void;
  /** Frees every lock and ends the session. */
  close(): Promise<void>;
}

/** The same 64-bit key for a name on every instance; `waybill:` keeps clear of other users of the database. */
const KEY = "hashtextextended($1, 0)";
const keyName = (name: string): string => `waybill:${name}`;
/** How the lock connections show in pg_stat_activity: one per live instance. */
const APPLICATION_NAME = "waybill-locks";

/**
 * A {@link LockSession} on its own PostgreSQL connection (not from a pool, where locks would
 * follow whichever query borrowed the connection). TCP keepalive finds a dead peer.
 *
 * @example
 * const locks = await PostgresLockSession.connect(process.env.DATABASE_URL);
 * if (await locks.tryLock("tracking-sweep")) runSweep();
 */
export class PostgresLockSession implements LockSession {
  private lost: Error | null = null;
  private readonly listeners: ((error: Error) => void)[] = [];

  private constructor(private readonly client: pg.Client) {
    client.on("error", (error) => this.markLost(error));
    client.on("end", () => this.markLost(new Error("the lock connection was closed")));
  }

  /** Opens the dedicated connection. */
  static async connect(url: string): Promise<PostgresLockSession> {
    const client = new pg.Client({
      connectionString: url,
      application_name: APPLICATION_NAME,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    await client.connect();
    return new PostgresLockSession(client);
  }

  async tryLock(name: string): Promise<boolean> {
    const result = await this.query<{ ok: boolean }>(`select pg_try_advisory_lock(${KEY}) as ok`, [
      keyName(name),
    ]);
    return result[0]?.ok === true;
  }

  async unlock(name: string): Promise<void> {
    await this.query(`select pg_advisory_unlock(${KEY})`, [keyName(name)]);
  }

  async check(): Promise<void> {
    await this.query("select 1");
  }

  async countPeers(): Promise<number> {
    const rows = await this.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where application_name = $1 and datname = current_database() and pid <> pg_backend_pid()`,
      [APPLICATION_NAME],
    );
    return rows[0]?.n ?? 0;
  }

  onLost(listener: (error: Error) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    if (this.lost) return;
    this.lost = new Error("the lock session is closed");
    await this.client.end().catch(() => undefined); // ending frees the locks either way
  }

  private async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    if (this.lost) throw this.lost;
    try {
      return (await this.client.query<T>(text, values)).rows;
    } catch (error) {
      // A broken connection surfaces here first (before "end"): every lock is gone with it.
      if (!(error instanceof pg.DatabaseError)) this.markLost(error as Error);
      throw error;
    }
  }

  private markLost(error: Error): void {
    if (this.lost) return;
    this.lost = error;
    for (const listener of this.listeners.splice(0)) listener(error);
    this.client.end().catch(() => undefined);
  }
}

/**
 * A {@link LockSession} on embedded PGlite: one process owns the database, so its single session
 * holds every lock it asks for and is never lost. Same SQL as on PostgreSQL. (Never use it on a
 * pooled PostgreSQL `Db`: the locks would land on whichever connection ran the query.)
 */
export class PgliteLockSession implements LockSession {
  constructor(private readonly db: Db) {}

  async tryLock(name: string): Promise<boolean> {
    const rows = rowsOf<{ ok: boolean }>(
      await this.db.execute(sql`select pg_try_advisory_lock(hashtextextended(${keyName(name)}, 0)) as ok`),
    );
    return rows[0]?.ok === true;
  }

  async unlock(name: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_unlock(hashtextextended(${keyName(name)}, 0))`);
  }

  async check(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  async countPeers(): Promise<number> {
    return 0; // nobody else can open this database
  }

  onLost(): void {
    // Never lost: the session is this process's own database.
  }

  async close(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_unlock_all()`);
  }
}
