import type { DriverRouteDto, DriverStopDto, StopStatus } from "@waybill/shared";
import type { OutboxAction } from "../outbox/outbox-action";

/** What the screen shows: the server's route with the driver's unsent actions already applied. */
export interface DriverView {
  /** True when on shift, or when a shift start is waiting to be sent. */
  readonly onShift: boolean;
  readonly vehicleName: string | null;
  readonly stops: readonly DriverStopDto[];
}

/** How far along a stop is; an older action never moves a stop back. */
const PROGRESS: Readonly<Record<StopStatus, number>> = {
  unassigned: 0,
  assigned: 1,
  en_route: 2,
  arrived: 3,
  completed: 4,
  cancelled: 4,
};

/**
 * Applies the actions still in the outbox to the route, in order (optimistic UI): a tap shows at
 * once and survives a refetch of the route that happened before the action was sent. Actions the
 * server already applied change nothing, since a stop only moves forward.
 *
 * @example
 * applyPending(route, [{ kind: "stop-status", stopId, body: { status: "arrived" } }]);
 */
export function applyPending(route: DriverRouteDto, pending: readonly OutboxAction[]): DriverView {
  let onShift = route.shift !== null;
  let stops = route.stops;
  for (const action of pending) {
    if (action.kind === "shift-start") onShift = true;
    else if (action.kind === "shift-end") onShift = false;
    else if (action.kind === "stop-status") stops = stops.map((stop) => advance(stop, action));
  }
  return { onShift, vehicleName: route.shift?.vehicleName ?? null, stops };
}

function advance(stop: DriverStopDto, action: Extract<OutboxAction, { kind: "stop-status" }>): DriverStopDto {
  if (stop.id !== action.stopId || PROGRESS[action.body.status] <= PROGRESS[stop.status]) return stop;
  const body = action.body;
  if (body.status !== "completed") return { ...stop, status: body.status };
  return {
    ...stop,
    status: "completed",
    outcome: body.outcome,
    failureReason: body.outcome === "failed" ? body.failureReason : null,
  };
}
