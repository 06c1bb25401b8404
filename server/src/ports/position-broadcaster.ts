import type { LatestState } from "./telemetry-store";

/** A latest position with the organisation that may see it. */
export interface ScopedPosition extends LatestState {
  readonly organisationId: string;
}

/** Sends stored positions to live clients. Implemented over socket.io (adapters/realtime). */
export interface PositionBroadcaster {
  publish(positions: readonly ScopedPosition[]): void;
}

/** Takes every stored position, in the background (live tracking). */
export interface PositionObserver {
  observe(positions: readonly ScopedPosition[]): void;
}
