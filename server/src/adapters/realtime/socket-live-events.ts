import {
  type DispatchServerEvents,
  type DriverServerEvents,
  driverRoom,
  organisationRoom,
} from "@waybill/shared";
import type { DriverLiveEvents, LiveEvents } from "../../ports/live-events";
import { dispatchNamespace, driverNamespace, type RealtimeServer } from "./realtime-server";

/**
 * {@link LiveEvents} over socket.io: each event goes to the organisation's room of `/dispatch`,
 * or to a driver's own room of `/driver`. Events published before the server is attached (during
 * start) are dropped: live events are hints to refresh, the database holds the truth.
 */
export class SocketLiveEvents implements LiveEvents, DriverLiveEvents {
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

  tellDriver<E extends keyof DriverServerEvents>(
    driverId: string,
    event: E,
    ...args: Parameters<DriverServerEvents[E]>
  ): void {
    if (!this.io) return;
    driverNamespace(this.io)
      .to(driverRoom(driverId))
      .emit(event, ...args);
  }
}
