import type { StopStatus } from "@waybill/shared";
import { isOpenStop } from "./next-stop";

/** The part of a stop a route comparison looks at. */
interface StopKey {
  readonly id: string;
  readonly status: StopStatus;
}

/** How dispatch changed the driver's open stops between two fetches of the route. */
export interface RouteChange {
  readonly added: number;
  readonly removed: number;
  /** True when stops on both routes are now in another order. */
  readonly reordered: boolean;
}

/**
 * Compares the open stops of two fetches of the route. Stops the driver finished are not
 * "removed" (the route keeps today's finished stops), and status changes are not changes of the
 * route.
 *
 * @example
 * diffRoutes(before.stops, after.stops); // { added: 1, removed: 0, reordered: false }
 */
export function diffRoutes(before: readonly StopKey[], after: readonly StopKey[]): RouteChange {
  const afterIds = new Set(after.map((stop) => stop.id));
  const beforeIds = new Set(before.map((stop) => stop.id));
  const beforeOpen = before.filter(isOpenStop).map((stop) => stop.id);
  const afterOpen = after.filter(isOpenStop).map((stop) => stop.id);
  const commonBefore = beforeOpen.filter((id) => afterOpen.includes(id));
  const commonAfter = afterOpen.filter((id) => beforeOpen.includes(id));
  return {
    added: afterOpen.filter((id) => !beforeIds.has(id)).length,
    removed: beforeOpen.filter((id) => !afterIds.has(id)).length,
    reordered: commonBefore.some((id, index) => commonAfter[index] !== id),
  };
}

/**
 * The notice the driver sees for a change, or null when nothing changed.
 *
 * @example
 * describeRouteChange({ added: 1, removed: 0, reordered: false }); // "Your route changed: 1 stop added"
 */
export function describeRouteChange(change: RouteChange): string | null {
  const parts = [
    change.added > 0 ? `${plural(change.added, "stop")} added` : null,
    change.removed > 0 ? `${plural(change.removed, "stop")} removed` : null,
    change.reordered ? "new order of stops" : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : `Your route changed: ${parts.join(", ")}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
