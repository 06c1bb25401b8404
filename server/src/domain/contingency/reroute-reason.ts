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
 * breakdown of Van 3". `vehicleName`: the vehicle the trigger concerns, if any; `detail`: the
 * trigger's, which tells a slowed road (a jam) from a closed one.
 *
 * @example
 * rerouteReason("road_closure", null, "road slowed: traffic jam"); // "re-route after slow traffic"
 */
export function rerouteReason(
  kind: TriggerKind,
  vehicleName: string | null,
  detail: string | null = null,
): string {
  const slowedOnly =
    kind === "road_closure" && /road slowed/.test(detail ?? "") && !/road closed/.test(detail ?? "");
  const what = slowedOnly ? "slow traffic" : WHAT_HAPPENED[kind];
  return `re-route after ${what}${vehicleName ? ` of ${vehicleName}` : ""}`;
}
