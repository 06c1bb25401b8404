import type { PlanDto } from "@waybill/shared";

/** A stop's place in a plan: its route (null: unassigned) and index in that route. */
export interface StopPlace {
  readonly vehicleId: string | null;
  readonly index: number;
}

/** The move to send to `POST /plans/{id}/move`. */
export interface StopMove {
  readonly stopId: string;
  readonly vehicleId: string | null;
  readonly index: number;
}

/** Where a stop is in the plan, or null when the plan does not hold it. */
export function findStop(plan: PlanDto, stopId: string): StopPlace | null {
  for (const route of plan.routes) {
    const index = route.stops.findIndex((stop) => stop.stopId === stopId);
    if (index >= 0) return { vehicleId: route.vehicleId, index };
  }
  const index = plan.unassigned.findIndex((stop) => stop.stopId === stopId);
  return index >= 0 ? { vehicleId: null, index } : null;
}

/**
 * The move for dropping a stop into a slot of a route as the list shows it (slot `k` = before the
 * stop now at `k`; the route's length = at the end). The server inserts after taking the stop out,
 * so a slot further down the stop's own route is one less. Null when the drop changes nothing.
 *
 * @example
 * // route A holds [s1, s2, s3]; drag s1 below s2 (slot 2)
 * dropToMove(plan, "s1", "veh_A", 2); // { stopId: "s1", vehicleId: "veh_A", index: 1 }
 */
export function dropToMove(
  plan: PlanDto,
  stopId: string,
  vehicleId: string | null,
  slot: number,
): StopMove | null {
  const from = findStop(plan, stopId);
  if (from === null) return null;
  if (vehicleId === null) return from.vehicleId === null ? null : { stopId, vehicleId, index: 0 };
  if (from.vehicleId !== vehicleId) return { stopId, vehicleId, index: slot };
  const index = slot > from.index ? slot - 1 : slot;
  return index === from.index ? null : { stopId, vehicleId, index };
}

/** Number of positions a stop can take in a route: after each stop, plus first (one more if it comes from elsewhere). */
export function slotCount(plan: PlanDto, stopId: string, vehicleId: string): number {
  const length = plan.routes.find((route) => route.vehicleId === vehicleId)?.stops.length ?? 0;
  return findStop(plan, stopId)?.vehicleId === vehicleId ? length : length + 1;
}
