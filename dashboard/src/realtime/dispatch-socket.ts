import type { DispatchClientEvents, DispatchServerEvents } from "@waybill/shared";
// Values come from the contract's own module: the package index also loads zod schemas.
import { DISPATCH_NAMESPACE } from "@waybill/shared/contracts/realtime";
import { type ExtendedError, io, type Socket } from "socket.io-client";

/** The typed dispatcher live channel. */
export type DispatchSocket = Socket<DispatchServerEvents, DispatchClientEvents>;

/** Handshake rejections the server signals in `err.data.code`; retrying cannot fix them. */
export type AuthFailureCode = "unauthenticated" | "forbidden";

/**
 * Creates (not connects) the socket for `/dispatch` on the page's origin, authenticated by the
 * session token. socket.io reconnects by itself after network loss, with backoff up to 10 s.
 *
 * @example
 * const socket = createDispatchSocket(session.token);
 * socket.connect();
 */
export function createDispatchSocket(token: string): DispatchSocket {
  return io(DISPATCH_NAMESPACE, {
    auth: { token },
    autoConnect: false,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
}

/**
 * The auth failure carried by a `connect_error`, or null for transport and other failures.
 *
 * @example
 * socket.on("connect_error", (err) => readAuthFailure(err) === "unauthenticated" && signOut());
 */
export function readAuthFailure(err: ExtendedError): AuthFailureCode | null {
  const data: unknown = err.data;
  if (typeof data !== "object" || data === null || !("code" in data)) return null;
  const { code } = data;
  return code === "unauthenticated" || code === "forbidden" ? code : null;
}
