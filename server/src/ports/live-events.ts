import type { DispatchServerEvents, DriverServerEvents } from "@waybill/shared";

/** Events for the dispatchers of one organisation on the live channel (socket.io /dispatch). */
export interface LiveEvents {
  publish<E extends keyof DispatchServerEvents>(
    organisationId: string,
    event: E,
    ...args: Parameters<DispatchServerEvents[E]>
  ): void;
}

/** Events for one driver on the live channel (socket.io /driver, the driver's own room). */
export interface DriverLiveEvents {
  tellDriver<E extends keyof DriverServerEvents>(
    driverId: string,
    event: E,
    ...args: Parameters<DriverServerEvents[E]>
  ): void;
}
