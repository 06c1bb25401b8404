import type { OrganisationId, VehicleId } from "../ids";
import type { BusinessEvent } from "./events";
import type { PlanProgressDto, PlanStatus } from "./http/plans.schema";
import type { ProposalDto } from "./http/proposals.schema";

/**
 * The live channel's typed events (socket.io). Server-to-client events are named `entity:fact`.
 * Namespace `/dispatch` (roles admin and dispatcher) and `/driver` (role driver, each in their
 * own room), handshake `auth: { token }`.
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
  /** A running plan found a better solution (at most every 250 ms). */
  "plan:progress": (progress: PlanProgressDto) => void;
  /** A plan ended: succeeded, failed or cancelled; fetch it for the routes. */
  "plan:finished": (plan: { readonly planId: string; readonly status: PlanStatus }) => void;
  /** A tracking rule raised an alert (a delay, a lost signal, a vehicle stopped too long or off its route). */
  "alert:raised": (alert: AlertDto) => void;
  /** The condition behind an alert ended. */
  "alert:cleared": (alert: AlertDto) => void;
  /** A contingency proposal is ready for review (or was decided: approved, rejected, superseded). */
  "proposal:created": (proposal: ProposalDto) => void;
  "proposal:decided": (proposal: ProposalDto) => void;
  /**
   * A business event of the organisation, as webhooks get it (order created or changed, stop
   * arrived or completed, ETA updated, shipment delayed or rerouted), about a second after it
   * happened; `data.order` (and `data.stop`) hold the state after it.
   */
  "order:event": (event: BusinessEvent) => void;
}

/** Kinds of alert the tracking rules raise. */
export type AlertKind =
  | "late_for_window"
  | "signal_lost"
  | "stopped_too_long"
  | "incident"
  | "off_route"
  | "late_departure";

/** An alert as the API and the live channel show it. */
export interface AlertDto {
  readonly id: string;
  readonly kind: AlertKind;
  readonly vehicleId: string | null;
  readonly orderId: string | null;
  readonly stopId: string | null;
  /** What is wrong, in plain words. */
  readonly detail: string;
  readonly raisedAt: string;
  readonly clearedAt: string | null;
  readonly acknowledgedAt: string | null;
}

/** Events a dispatcher client may emit (none yet). */
export type DispatchClientEvents = Record<string, never>;

/** Namespace of the dispatcher live channel. */
export const DISPATCH_NAMESPACE = "/dispatch";

/** Namespace of the drivers' live channel (role driver), handshake `auth: { token }`. */
export const DRIVER_NAMESPACE = "/driver";

/** Room of one driver's route within `/driver`: a driver's socket joins its own and no other. */
export const driverRoom = (driverId: string): string => `driver:${driverId}`;

/** A driver's route changed: stops put on it, taken off it or re-sequenced, by dispatch, a plan or a re-route. */
export interface RouteChangedEvent {
  readonly driverId: string;
  /** Grows with every change (the outbox sequence of the latest one): an older version is stale. */
  readonly version: number;
  readonly added: number;
  readonly removed: number;
  readonly resequenced: number;
  /** What changed and why, in plain words, e.g. "2 stops added by dispatch (re-route after breakdown of Van 3)". */
  readonly notice: string;
}

/** Events the server emits on `/driver`, to the driver's own room. */
export interface DriverServerEvents {
  /** The route changed; fetch it again (`GET /api/v1/driver/route`). */
  "route:changed": (change: RouteChangedEvent) => void;
}

/** Interval between two `vehicle:positions` frames, milliseconds. */
export const POSITION_BROADCAST_INTERVAL_MS = 250;

/** Room of one organisation within a namespace. */
export const organisationRoom = (organisationId: OrganisationId | string): string => `org:${organisationId}`;
