import type { OrganisationId, VehicleId } from "../ids";

/**
 * The live channel's typed events (socket.io). Server-to-client events are named `entity:fact`.
 * Namespace `/dispatch` (roles admin and dispatcher), handshake `auth: { token }`.
 *
 * @example
 * const socket: Socket<DispatchServerEvents, DispatchClientEvents> = io("/dispatch", { auth: { token } });
 * socket.on("vehicle:positions", (batch) => batch.forEach(draw));
 */
export interface VehiclePositionUpdate {
  readonly vehicleId: VehicleId;
  /** Epoch milliseconds of the GPS fix. */
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number | null;
  readonly headingDeg: number | null;
}

/** Events the server emits on `/dispatch`. */
export interface DispatchServerEvents {
  /** A batch of latest positions, at most one frame per flush interval (250 ms). */
  "vehicle:positions": (batch: readonly VehiclePositionUpdate[]) => void;
}

/** Events a dispatcher client may emit (none yet). */
export type DispatchClientEvents = Record<string, never>;

/** Namespace of the dispatcher live channel. */
export const DISPATCH_NAMESPACE = "/dispatch";

/** Interval between two `vehicle:positions` frames, milliseconds. */
export const POSITION_BROADCAST_INTERVAL_MS = 250;

/** Room of one organisation within a namespace. */
export const organisationRoom = (organisationId: OrganisationId | string): string => `org:${organisationId}`;
