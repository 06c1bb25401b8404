import type { TrackingMilestone } from "@waybill/shared";
import { type OrderAggregate, openDeliveryStop, openReturnStop } from "./order-state";

/**
 * The public tracking milestone of an order, in carrier-tracking vocabulary, derived from the
 * order and stop layers (never stored on its own, so it cannot disagree with them):
 *
 * | order                         | stop (delivery)          | milestone          |
 * |-------------------------------|--------------------------|--------------------|
 * | received, ready               |                          | pre_transit        |
 * | planned                       |                          | in_transit         |
 * | out_for_delivery              | assigned                 | out_for_delivery   |
 * | out_for_delivery              | en_route, arrived        | arriving           |
 * | delivered                     |                          | delivered          |
 * | delivered with a return open  |                          | return_to_sender   |
 * | delivery_failed               |                          | delivery_failed    |
 * | returned                      |                          | return_to_sender   |
 * | cancelled                     |                          | cancelled          |
 *
 * An open exception (a delay, an incident) shows as `exception` until it clears, except on final
 * states.
 */
export function milestoneOf(aggregate: OrderAggregate): TrackingMilestone {
  const { order } = aggregate;
  switch (order.status) {
    case "cancelled":
      return "cancelled";
    case "returned":
      return "return_to_sender";
    case "delivered":
      return openReturnStop(aggregate) ? "return_to_sender" : "delivered";
    case "delivery_failed":
      return "delivery_failed";
    default:
      break;
  }
  if (order.exception) return "exception";
  if (order.status === "planned") return "in_transit";
  if (order.status === "out_for_delivery") {
    const stop = openDeliveryStop(aggregate);
    return stop && (stop.status === "en_route" || stop.status === "arrived")
      ? "arriving"
      : "out_for_delivery";
  }
  return "pre_transit";
}
