import type { RouteChangedEvent } from "@waybill/shared";
import type { EventDraft } from "./order-events";
import type { OrderAggregate, StopState } from "./order-state";

/** Where a stop is on the routes: its vehicle, its driver and its place in the sequence. */
export interface RoutePlace {
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly sequence: number | null;
}

/** The data of a `stop.route_changed` event: where the stop was and where it is (null: on no route). */
export interface RouteChangeData {
  readonly from: RoutePlace | null;
  readonly to: RoutePlace | null;
}

const ON_ROUTE = new Set<StopState["status"]>(["assigned", "en_route", "arrived"]);

/** A stop's place on the routes, or null when it is on none (unassigned, cancelled, done). */
function placeOf(stop: StopState | undefined): RoutePlace | null {
  if (!stop || !ON_ROUTE.has(stop.status) || (stop.vehicleId === null && stop.driverId === null)) return null;
  return { vehicleId: stop.vehicleId, driverId: stop.driverId, sequence: stop.sequence };
}

const samePlace = (a: RoutePlace | null, b: RoutePlace | null): boolean =>
  a?.vehicleId === b?.vehicleId && a?.driverId === b?.driverId && a?.sequence === b?.sequence;

/**
 * The `stop.route_changed` events of a command: each stop put on a route, moved or re-sequenced,
 * or taken off one (unassigned, cancelled). A stop served is execution, not a change of route,
 * so it gives none. Every order command goes through here, so drivers hear of every change,
 * whoever made it (dispatch, a plan, a re-route).
 */
export function routeChangesOf(before: OrderAggregate, after: OrderAggregate): EventDraft[] {
  const drafts: EventDraft[] = [];
  for (const stop of after.stops) {
    if (stop.status === "completed") continue;
    const from = placeOf(before.stops.find((candidate) => candidate.id === stop.id));
    const to = placeOf(stop);
    if (samePlace(from, to)) continue;
    const data: RouteChangeData = { from, to };
    drafts.push({ type: "stop.route_changed", stopId: stop.id, data: { ...data } });
  }
  return drafts;
}

/** An outbox event as the live relay reads it. */
export interface RelayedEvent {
  readonly seq: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

interface DriverTally {
  added: number;
  removed: number;
  resequenced: number;
  version: number;
}

/**
 * One `route:changed` per driver whose route a batch of events changed, with the counts and a
 * notice. A plan applied or a re-route is many events; the driver gets one notice for them.
 * The notice says why when the batch holds a re-route (`shipment.rerouted` with `why`).
 */
export function driverRouteChanges(events: readonly RelayedEvent[]): RouteChangedEvent[] {
  const tallies = new Map<string, DriverTally>();
  const tally = (driverId: string, seq: number): DriverTally => {
    const found = tallies.get(driverId) ?? { added: 0, removed: 0, resequenced: 0, version: 0 };
    found.version = Math.max(found.version, seq);
    tallies.set(driverId, found);
    return found;
  };
  for (const event of events) {
    if (event.type !== "stop.route_changed") continue;
    const { from, to } = event.data as unknown as RouteChangeData;
    const fromDriver = from?.driverId ?? null;
    const toDriver = to?.driverId ?? null;
    if (fromDriver !== null && fromDriver === toDriver) tally(fromDriver, event.seq).resequenced++;
    else {
      if (fromDriver !== null) tally(fromDriver, event.seq).removed++;
      if (toDriver !== null) tally(toDriver, event.seq).added++;
    }
  }
  const why = rerouteReason(events);
  return [...tallies].map(([driverId, counts]) => ({
    driverId,
    ...counts,
    notice: routeChangeNotice(counts, why),
  }));
}

/** The reason of the first re-route in the batch (e.g. "re-route after breakdown of Van 3"). */
function rerouteReason(events: readonly RelayedEvent[]): string | null {
  for (const event of events) {
    const why = event.type === "shipment.rerouted" ? event.data.why : undefined;
    if (typeof why === "string" && why !== "") return why;
  }
  return null;
}

const stopsWord = (count: number): string => `${count} stop${count === 1 ? "" : "s"}`;

/** "2 stops added, 1 stop removed by dispatch (re-route after breakdown of Van 3)". */
export function routeChangeNotice(
  counts: Pick<RouteChangedEvent, "added" | "removed" | "resequenced">,
  why: string | null,
): string {
  const parts = [
    counts.added ? `${stopsWord(counts.added)} added` : null,
    counts.removed ? `${stopsWord(counts.removed)} removed` : null,
    counts.resequenced ? `${stopsWord(counts.resequenced)} re-ordered` : null,
  ].filter((part) => part !== null);
  const what = parts.length ? parts.join(", ") : "route updated";
  return `${what} by dispatch${why ? ` (${why})` : ""}`;
}
