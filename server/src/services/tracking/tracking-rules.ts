import { DEFAULT_OFF_ROUTE_RULES, type OffRouteRules } from "../../domain/tracking/off-route";
import { DEFAULT_STOP_PRESENCE_RULES, type StopPresenceRules } from "../../domain/tracking/stop-presence";

/** Thresholds of live tracking (the composition root fills them from the configuration). */
export interface TrackingRules {
  readonly presence: StopPresenceRules;
  /** Off-route detection against the planned route (alert) and the route in use (fresh route). */
  readonly offRoute: OffRouteRules;
  /** A vehicle's open stops are re-read at most this often (unless tracking changed one), seconds. */
  readonly stopsCacheS: number;
  /** ETAs are recomputed at most this often per vehicle, seconds (and after every arrival). */
  readonly etaEveryS: number;
  /** An ETA change is announced (`shipment.eta_updated`) only when it moves by this much, seconds. */
  readonly etaAnnounceS: number;
  /** An ETA this far past the promised window raises a delay, seconds. */
  readonly delayGraceS: number;
  /** A fix older than this makes ETAs stale, seconds. */
  readonly staleAfterS: number;
  /** No fix for this long from a vehicle on its route raises `signal_lost`, seconds. */
  readonly signalLostS: number;
  /** Standing still this long away from every stop raises an alert, seconds. */
  readonly stoppedTooLongS: number;
  /** Still at the start this long after the planned departure raises `late_departure`, seconds. */
  readonly lateDepartureS: number;
  /** At or above this speed the vehicle is driving, km/h. */
  readonly movingKmh: number;
}

export const DEFAULT_TRACKING_RULES: TrackingRules = {
  presence: DEFAULT_STOP_PRESENCE_RULES,
  offRoute: DEFAULT_OFF_ROUTE_RULES,
  stopsCacheS: 5,
  etaEveryS: 30,
  etaAnnounceS: 120,
  delayGraceS: 300,
  staleAfterS: 300,
  signalLostS: 300,
  stoppedTooLongS: 15 * 60,
  lateDepartureS: 15 * 60,
  movingKmh: 8,
};
