import type { Server as HttpServer } from "node:http";
import {
  DISPATCH_NAMESPACE,
  type DispatchClientEvents,
  type DispatchServerEvents,
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
 * caller's organisation room, so a client hears only its own fleet. With several instances, an
 * `adapter` (see postgres-fanout.ts) carries each room broadcast to the sockets of the others;
 * the rooms, and so the scoping, are the same.
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
    next(connectError("forbidden", `connect to the ${DISPATCH_NAMESPACE} namespace`)),
  );
  const dispatch = io.of(DISPATCH_NAMESPACE) as unknown as DispatchNamespace;
  dispatch.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== "string" || token === "")
      return next(connectError("unauthenticated", "send auth: { token }"));
    const principal = await auth.authenticate(token).catch(() => null);
    if (!principal) return next(connectError("unauthenticated", "the token is unknown, revoked or expired"));
    if (principal.role !== "admin" && principal.role !== "dispatcher") {
      return next(connectError("forbidden", `the live map is for dispatchers; you are ${principal.role}`));
    }
    socket.data.principal = principal;
    next();
  });
  dispatch.on("connection", (socket: DispatchSocket) => {
    void socket.join(organisationRoom(socket.data.principal.organisationId));
    onClients(1);
    socket.on("disconnect", () => onClients(-1));
  });
  return io;
}

type DispatchSocket = Socket<DispatchClientEvents, DispatchServerEvents, Record<string, never>, SocketData>;
type DispatchNamespace = ReturnType<
  Server<DispatchClientEvents, DispatchServerEvents, Record<string, never>, SocketData>["of"]
>;

/** The `/dispatch` namespace with its typed events. */
export const dispatchNamespace = (io: RealtimeServer): DispatchNamespace =>
  io.of(DISPATCH_NAMESPACE) as unknown as DispatchNamespace;
