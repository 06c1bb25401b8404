import { type DispatchServerEvents, organisationRoom } from "@waybill/shared";
import type { LiveEvents } from "../../ports/live-events";
import { dispatchNamespace, type RealtimeServer } from "./realtime-server";

/**
 * {@link LiveEvents} over socket.io: each event goes to the organisation's room of `/dispatch`.
 * Events published before the server is attached (during start) are dropped: live events are
 * hints to refresh, the database holds the truth.
 */
export class SocketLiveEvents implements LiveEvents {
  private io: RealtimeServer | null = null;

  attach(io: RealtimeServer): void {
    this.io = io;
  }

  publish<E extends keyof DispatchServerEvents>(
    organisationId: string,
    event: E,
    ...args: Parameters<DispatchServerEvents[E]>
  ): void {
    if (!this.io) return;
    dispatchNamespace(this.io)
      .to(organisationRoom(organisationId))
      .emit(event, ...args);
  }
}
