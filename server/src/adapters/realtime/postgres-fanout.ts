import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Logger } from "pino";
import type { ServerOptions } from "socket.io";

/** A socket.io adapter shared by every instance, and how to close its connections. */
export interface RealtimeFanout {
  readonly adapter: ServerOptions["adapter"];
  /** Ends the adapter's connections; call after socket.io is closed. */
  close(): Promise<void>;
}

/** Table of broadcasts too large for NOTIFY (over 8,000 bytes); created by migration 0010. */
export const FANOUT_ATTACHMENTS_TABLE = "socket_io_attachments";

/**
 * The live channel across instances, through PostgreSQL (`@socket.io/postgres-adapter`): each
 * room broadcast is also sent with NOTIFY (large ones through {@link FANOUT_ATTACHMENTS_TABLE}),
 * and every instance LISTENs and emits it to its own sockets in that room. So a dispatcher sees
 * every vehicle whichever instance stored its position and whichever instance the dispatcher is
 * connected to. Its own small pool: one connection listens, the others publish.
 *
 * @example
 * const fanout = createPostgresFanout(config.DATABASE_URL, log);
 * const io = createRealtimeServer(httpServer, auth, onClients, fanout.adapter);
 */
export function createPostgresFanout(url: string, log: Logger): RealtimeFanout {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    application_name: "waybill-realtime",
    keepAlive: true,
  });
  // Every connection gets its own listener: the pool listens only to its idle ones, and the
  // adapter's LISTEN connection is checked out for good, so its "error" (database restarted or
  // unreachable) would otherwise be unhandled and end the process. The adapter reconnects on "end".
  pool.on("connect", (client) =>
    client.on("error", (error) =>
      log.warn({ err: error }, "live channel fan-out: a PostgreSQL connection failed"),
    ),
  );
  pool.on("error", () => {}); // an idle connection's error, already logged by its own listener
  const adapter = createAdapter(pool, {
    tableName: FANOUT_ATTACHMENTS_TABLE,
    errorHandler: (error) => log.warn({ err: error }, "live channel fan-out failed; it reconnects"),
  });
  return { adapter, close: () => pool.end() };
}
