import type { Server as HttpServer } from "node:http";
import {
  DISPATCH_NAMESPACE,
  type DispatchClientEvents,
  type DispatchServerEvents,
  DRIVER_NAMESPACE,
  type DriverServerEvents,
  driverRoom,
  organisationRoom,
} from "@waybill/shared";
import { Server, type ServerOptions, type Socket } from "socket.io";
import type { AuthService } from "../../services/auth.service";
import type { Principal } from "../db/repositories/identity.repository";

/** Data socket.io keeps per connection after authentication. */
export interface SocketData {
  principal: Principal;
}

/** The typed socket.io server of the live channel. */
export type RealtimeServer = Server<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;

/** An error a client sees on connect, with a machine code in `data.code` (socket.io ExtendedError). */
function connectError(code: "unauthenticated" | "forbidden", message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * Attaches socket.io to the HTTP server. Every namespace is authenticated: the root namespace
 * refuses everyone; `/dispatch` (admin, dispatcher) takes `auth: { token }` and joins the
 * caller's organisation room, so a client hears only its own fleet; `/driver` (drivers, with the
 * session token of the driver API) joins the driver's own room and no other, so a driver hears
 * of their own route only. With several instances, an `adapter` (see postgres-fanout.ts) carries
 * each room broadcast to the sockets of the others; the rooms, and so the scoping, are the same.
 */
export function createRealtimeServer(
  httpServer: HttpServer,
  auth: Pick<AuthService, "authenticate">,
  onClients: (delta: number) => void,
  adapter?: ServerOptions["adapter"],
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(adapter ? { adapter } : {}),
  });
  io.of("/").use((_socket, next) =>
    next(connectError("forbidden", `connect to the ${DISPATCH_NAMESPACE} or ${DRIVER_NAMESPACE} namespace`)),
  );
  const serve = (
    name: string,
    allowed: (role: Principal["role"]) => boolean,
    refusal: string,
    roomOf: (principal: Principal) => string,
  ) => {
    const namespace = io.of(name);
    namespace.use(handshake(auth, allowed, refusal));
    namespace.on("connection", (socket) => {
      void socket.join(roomOf(socket.data.principal));
      onClients(1);
      socket.on("disconnect", () => onClients(-1));
    });
  };
  serve(
    DISPATCH_NAMESPACE,
    (role) => role === "admin" || role === "dispatcher",
    "the live map is for dispatchers",
    (principal) => organisationRoom(principal.organisationId),
  );
  serve(
    DRIVER_NAMESPACE,
    (role) => role === "driver",
    "this channel is for drivers",
    (principal) => driverRoom(principal.id),
  );
  return io;
}

/**
 * The handshake check of a namespace: `auth: { token }` is the same bearer token as the HTTP
 * API's (a session or a key), and the caller's role must be one the namespace serves.
 */
function handshake(
  auth: Pick<AuthService, "authenticate">,
  allowed: (role: Principal["role"]) => boolean,
  refusal: string,
) {
  return async (socket: Socket<never, never, never, SocketData>, next: (error?: Error) => void) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== "string" || token === "")
      return next(connectError("unauthenticated", "send auth: { token }"));
    const principal = await auth.authenticate(token).catch(() => null);
    if (!principal) return next(connectError("unauthenticated", "the token is unknown, revoked or expired"));
    if (!allowed(principal.role))
      return next(connectError("forbidden", `${refusal}; you are ${principal.role}`));
    socket.data.principal = principal;
    next();
  };
}

type DispatchNamespace = ReturnType<
  Server<DispatchClientEvents, DispatchServerEvents, Record<string, never>, SocketData>["of"]
>;

/** The `/dispatch` namespace with its typed events. */
export const dispatchNamespace = (io: RealtimeServer): DispatchNamespace =>
  io.of(DISPATCH_NAMESPACE) as unknown as DispatchNamespace;

type DriverNamespace = ReturnType<
  Server<Record<string, never>, DriverServerEvents, Record<string, never>, SocketData>["of"]
>;

/** The `/driver` namespace with its typed events. */
export const driverNamespace = (io: RealtimeServer): DriverNamespace =>
  io.of(DRIVER_NAMESPACE) as unknown as DriverNamespace;
