import type { TriggerKind } from "./triggers";

const WHAT_HAPPENED: Record<TriggerKind, string> = {
  breakdown: "breakdown",
  delay: "delay",
  road_closure: "road closure",
  new_orders: "new urgent orders",
  order_cancelled: "a cancelled order",
  vehicle_offline: "loss of contact",
  manual: "a dispatcher's request",
};

/**
 * Why stops were re-routed, in the words drivers read on their notice, e.g. "re-route after
 * breakdown of Van 3". `vehicleName`: the vehicle the trigger concerns, if any.
 */
export function rerouteReason(kind: TriggerKind, vehicleName: string | null): string {
  return `re-route after ${WHAT_HAPPENED[kind]}${vehicleName ? ` of ${vehicleName}` : ""}`;
}
