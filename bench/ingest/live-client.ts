import type { Socket } from "socket.io-client";
import {
  DISPATCH_NAMESPACE,
  type DispatchClientEvents,
  type DispatchServerEvents,
} from "../../shared/src/contracts/realtime";
import { socketIoClient } from "../support/packages";

/** A dispatcher's live map connection, measuring each update's age on arrival. */
export interface LiveClient {
  /** `vehicle:positions` updates received so far. */
  readonly updates: number;
  close(): void;
}

/**
 * Connects to `/dispatch` with the admin key and records, for every update it receives, the
 * receive time minus the fix's `fixAt` (the publish time): the age of the position a dispatcher
 * sees. The server sends the newest fix per vehicle every 250 ms, so older fixes of the same
 * vehicle are never delivered and have no such latency.
 */
export async function connectLiveClient(
  baseUrl: string,
  token: string,
  onLatency: (latencyMs: number) => void,
): Promise<LiveClient> {
  const socket: Socket<DispatchServerEvents, DispatchClientEvents> = socketIoClient.io(
    `${baseUrl}${DISPATCH_NAMESPACE}`,
    { auth: { token }, transports: ["websocket"], reconnection: false },
  );
  let updates = 0;
  socket.on("vehicle:positions", (batch) => {
    const now = Date.now();
    updates += batch.length;
    for (const update of batch) onLatency(now - update.fixAt);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(new Error(`live channel: ${error.message}`)));
  });
  return {
    get updates() {
      return updates;
    },
    close: () => void socket.close(),
  };
}
