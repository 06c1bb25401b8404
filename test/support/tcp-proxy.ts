import { connect, createServer, type Server, type Socket } from "node:net";

/** A TCP forwarder on a free loopback port that a test can cut and restore, to fake an outage. */
export interface TcpProxy {
  readonly port: number;
  /** Connections accepted so far (both while up and refused during a cut). */
  readonly accepted: number;
  /** Destroys every open connection and refuses new ones (accepted, then reset at once). */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
}

/**
 * Starts a proxy from 127.0.0.1:<free port> to `target`. A cut keeps the port (so a client's
 * configured address stays valid) but resets every connection: what a network partition or a
 * restarting database looks like to a client with a pool.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let accepted = 0;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    accepted++;
    if (isCut) {
      client.on("error", () => {});
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy: no port");
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    cut: () => {
      isCut = true;
      destroyAll();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
