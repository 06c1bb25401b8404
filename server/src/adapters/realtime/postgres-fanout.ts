import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Logger } from "pino";
import type { Namespace, ServerOptions } from "socket.io";

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
  pool.on("connect", (client) => {
    client.on("error", (error) =>
      log.warn({ err: error }, "live channel fan-out: a PostgreSQL connection failed"),
    );
    notificationsInOrder(client, log);
  });
  pool.on("error", () => {}); // an idle connection's error, already logged by its own listener
  const postgresAdapter = createAdapter(pool, {
    tableName: FANOUT_ATTACHMENTS_TABLE,
    errorHandler: (error) => log.warn({ err: error }, "live channel fan-out failed; it reconnects"),
  });
  // socket.io calls the adapter with `new`: a function, not an arrow.
  function adapter(nsp: Namespace) {
    return broadcastInOrder(postgresAdapter(nsp), log);
  }
  return { adapter, close: () => pool.end() };
}

/**
 * Makes the adapter handle the NOTIFYs it listens to one after another. It handles a broadcast
 * over 8,000 bytes only after reading its attachment (a query), and a small one at once, so on the
 * other instances a small broadcast overtook a large one made before it. Each notification's
 * listener now starts once the one before it has finished. (The adapter registers its listener on
 * a connection of this pool, after the pool's "connect" event.)
 */
function notificationsInOrder(client: pg.PoolClient, log: Logger): void {
  const on = client.on.bind(client) as (event: string, listener: (...args: unknown[]) => unknown) => unknown;
  let previous: Promise<unknown> = Promise.resolve();
  const sequenced =
    (listener: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      previous = previous
        .then(() => listener(...args))
        .catch((error: unknown) => log.warn({ err: error }, "live channel fan-out: a notification failed"));
    };
  (client as { on: (event: string, listener: (...args: unknown[]) => unknown) => unknown }).on = (
    event,
    listener,
  ) => on(event, event === "notification" ? sequenced(listener) : listener);
}

/**
 * Makes a namespace's broadcasts happen one after another, in the order they were made. The
 * cluster adapter first publishes a broadcast on one of the pool's connections (a NOTIFY, or for
 * one over 8,000 bytes an INSERT into the attachments table and then a NOTIFY) and only then
 * emits it to this instance's sockets. Two broadcasts made together could therefore reach every
 * socket in either order: a dispatcher saw an order's `order.status_changed` before its
 * `order.created`. Each broadcast now starts once the one before it has been emitted.
 */
function broadcastInOrder<A extends { broadcast(...args: never[]): unknown }>(adapter: A, log: Logger): A {
  const broadcast = adapter.broadcast.bind(adapter) as (...args: Parameters<A["broadcast"]>) => unknown;
  let previous: Promise<unknown> = Promise.resolve();
  adapter.broadcast = (...args: Parameters<A["broadcast"]>) => {
    previous = previous
      .then(() => broadcast(...args))
      .catch((error: unknown) => log.warn({ err: error }, "live channel broadcast failed"));
  };
  return adapter;
}
