import type { DispatchServerEvents } from "@waybill/shared";

/** Events for the dispatchers of one organisation on the live channel (socket.io /dispatch). */
export interface LiveEvents {
  publish<E extends keyof DispatchServerEvents>(
    organisationId: string,
    event: E,
    ...args: Parameters<DispatchServerEvents[E]>
  ): void;
}
