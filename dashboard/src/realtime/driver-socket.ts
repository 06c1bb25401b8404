import type { DriverServerEvents } from "@waybill/shared";
// Values come from the contract's own module: the package index also loads zod schemas.
import { DRIVER_NAMESPACE } from "@waybill/shared/contracts/realtime";
import { io, type Socket } from "socket.io-client";

/** The typed drivers' live channel: the server tells the driver their route changed. */
export type DriverSocket = Socket<DriverServerEvents, Record<string, never>>;

/**
 * Creates (not connects) the socket for `/driver` on the page's origin, authenticated by the
 * driver's session token; the server puts it in the driver's own room. socket.io reconnects by
 * itself after network loss, with backoff up to 30 s (the route poll covers the gap).
 *
 * @example
 * const socket = createDriverSocket(session.token);
 * socket.on("route:changed", (change) => refetch(change.notice));
 * socket.connect();
 */
export function createDriverSocket(token: string): DriverSocket {
  return io(DRIVER_NAMESPACE, {
    auth: { token },
    autoConnect: false,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
  });
}
