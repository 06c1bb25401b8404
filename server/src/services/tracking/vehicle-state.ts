import type { StopDto } from "@waybill/shared";
import { PaceTracker } from "../../domain/tracking/eta";
import { Odometer } from "../../domain/tracking/odometer";
import type { RouteFollower } from "../../domain/tracking/route-follower";
import { StationaryTracker } from "../../domain/tracking/stationary";
import type { StopPresence } from "../../domain/tracking/stop-presence";
import type { ScopedPosition } from "../../ports/position-broadcaster";

/** What live tracking remembers of one vehicle between fixes. */
export class VehicleState {
  readonly presences = new Map<string, StopPresence>();
  readonly pace = new PaceTracker();
  readonly stationary = new StationaryTracker();
  readonly odometer = new Odometer();
  readonly announcedEta = new Map<string, number>();
  /** Orders this vehicle raised a delay for that has not cleared. */
  readonly delayed = new Set<string>();
  /**
   * The route as planned when tracking took the vehicle's stops (the reference of `off_route`),
   * and the route progress and ETAs are measured on: the same until the vehicle leaves the
   * planned one, then a fresh route from where it was.
   */
  planned: RouteFollower | null = null;
  active: RouteFollower | null = null;
  last: ScopedPosition | null = null;
  /** Positions not evaluated yet, in arrival order. */
  queue: ScopedPosition[] = [];
  /** Open stops as last read, and until when (performance.now()) they may be used. */
  stops: { readonly list: StopDto[]; readonly freshUntil: number } | null = null;
  lastEtaAt = 0;
  departed = false;
  stoppedAlert = false;
  offRouteAlert = false;
  running: Promise<void> | null = null;
}
