import { DRIVER_NAMESPACE, type RouteChangedEvent } from "@waybill/shared";
import { io, type Socket } from "socket.io-client";
import { type TestSystem, uniqueDeviceId } from "./system";

/** A driver's `/driver` socket and the route changes it has heard so far. */
export interface DriverListener {
  readonly socket: Socket;
  readonly changes: RouteChangedEvent[];
}

/**
 * Connects to `/driver` with a driver's session token, as the driver app does, and records every
 * `route:changed`. `auth` adds handshake fields (a test may try to name another driver's room).
 * Close the socket after the test.
 */
export async function listenAsDriver(
  url: string,
  token: string,
  auth: Record<string, unknown> = {},
): Promise<DriverListener> {
  const socket = io(`${url}${DRIVER_NAMESPACE}`, { auth: { ...auth, token }, transports: ["websocket"] });
  const changes: RouteChangedEvent[] = [];
  socket.on("route:changed", (change: RouteChangedEvent) => changes.push(change));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, changes };
}

/** A new driver of the organisation behind `system.api`'s admin key, signed in: their id and session token. */
export async function signedInDriver(
  system: { api: TestSystem["api"] },
  name = "Dee",
): Promise<{ id: string; token: string }> {
  const email = `${uniqueDeviceId("drv")}@example.com`;
  const password = "a long enough password";
  const res = await system.api("/api/v1/users", {
    method: "POST",
    json: { email, name, password, role: "driver" },
  });
  const { id } = (await res.json()) as { id: string };
  const session = await system.api("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password },
  });
  return { id, token: ((await session.json()) as { token: string }).token };
}
