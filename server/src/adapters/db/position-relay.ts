import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { PositionRelay } from "../../ports/position-relay";
import { decodePositions, encodePositions } from "./position-relay-codec";

/** How a relay connection shows in pg_stat_activity: the prefix, then the instance's id. */
const APPLICATION_PREFIX = "waybill-relay:";
const channelOf = (member: string): string => `waybill_relay_${member}`;
/** Between two attempts to reconnect a lost relay connection, milliseconds. */
const RECONNECT_MS = 1000;

/**
 * A {@link PositionRelay} over PostgreSQL: each instance keeps one connection of its own, named
 * `waybill-relay:<id>` and LISTENing on the channel `waybill_relay_<id>`. The members are the
 * instances whose relay connection is open on this database: when a process dies, even by
 * SIGKILL, its connection closes and it is no member any more (as an advisory lock frees). A
 * batch of positions is sent with `pg_notify`, in payloads under PostgreSQL's 8,000 bytes.
 *
 * @example
 * const relay = await PostgresPositionRelay.connect(process.env.DATABASE_URL, log);
 * relay.onPositions((positions) => tracking.observe(positions));
 * await relay.send((await relay.members())[0], positions);
 */
export class PostgresPositionRelay implements PositionRelay {
  readonly self = randomBytes(6).toString("hex");
  private client: pg.Client | null = null;
  private readonly listeners: ((positions: ScopedPosition[]) => void)[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Opens the relay connection and starts listening. */
  static async connect(url: string, log: Logger): Promise<PostgresPositionRelay> {
    const relay = new PostgresPositionRelay(url, log);
    await relay.open();
    return relay;
  }

  async members(): Promise<string[]> {
    const { rows } = await this.connected().query<{ id: string }>(
      `select substr(application_name, $2) as id from pg_stat_activity
        where datname = current_database() and starts_with(application_name, $1)`,
      [APPLICATION_PREFIX, APPLICATION_PREFIX.length + 1],
    );
    const ids = new Set(rows.map((row) => row.id));
    ids.add(this.self); // its own connection may be reconnecting at this very moment
    return [...ids].sort();
  }

  async send(member: string, positions: readonly ScopedPosition[]): Promise<void> {
    const client = this.connected();
    for (const payload of encodePositions(positions))
      await client.query("select pg_notify($1, $2)", [channelOf(member), payload]);
  }

  onPositions(listener: (positions: ScopedPosition[]) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined); // ending it is all that is left to do
  }

  private connected(): pg.Client {
    if (!this.client) throw new Error("the position relay's PostgreSQL connection is down");
    return this.client;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: `${APPLICATION_PREFIX}${this.self}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on("notification", (message) => this.receive(message.payload));
    client.on("error", (error) => this.lose(client, error));
    client.on("end", () => this.lose(client, new Error("the relay connection was closed")));
    try {
      await client.connect();
      await client.query(`LISTEN ${channelOf(this.self)}`);
    } catch (error) {
      await client.end().catch(() => undefined); // half open: end it, the caller tries again
      throw error;
    }
    if (this.closed) await client.end();
    else this.client = client;
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    let positions: ScopedPosition[];
    try {
      positions = decodePositions(payload);
    } catch (error) {
      this.log.warn({ err: error, payload: payload.slice(0, 200) }, "position relay: unreadable payload");
      return;
    }
    for (const listener of this.listeners) listener(positions);
  }

  private lose(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined); // already broken: nothing to wait for
    if (this.closed) return;
    this.log.warn({ err: error }, "position relay: connection lost; reconnecting");
    this.reconnectSoon();
  }

  private reconnectSoon(): void {
    this.reconnectTimer = setTimeout(() => {
      this.open().catch((error: unknown) => {
        this.log.warn({ err: error }, "position relay: reconnecting failed; trying again");
        this.reconnectSoon();
      });
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}
