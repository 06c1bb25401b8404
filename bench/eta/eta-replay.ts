import { type EtaStop, etaAlongRoute, PaceTracker } from "../../server/src/domain/tracking/eta";
import { RouteFollower } from "../../server/src/domain/tracking/route-follower";
import { RouteProgress } from "../../server/src/domain/tracking/route-progress";
import { StationaryTracker } from "../../server/src/domain/tracking/stationary";
import { StopPresence } from "../../server/src/domain/tracking/stop-presence";
import { DEFAULT_TRACKING_RULES } from "../../server/src/services/tracking/tracking-rules";
import type { SimulatedVan } from "./simulated-day";

/** The ETAs of one stop as they were estimated through the day. */
export interface StopEtaHistory {
  readonly stopId: string;
  /** When each estimate was made, epoch ms (ascending). */
  readonly at: number[];
  /** The live estimate: position on the route, road times × the van's observed pace. */
  readonly live: number[];
  /** The same without pace (pace 1): where the van is, and the road model's times. */
  readonly roadModel: number[];
}

/**
 * Replays one van's fixes through the live tracking's domain code, as TrackingService runs it:
 * stop presence (arrival, departure), the route follower (place on the route, pace samples), the
 * pace tracker and {@link etaAlongRoute}, recomputed every `etaEveryS` of fix time and after
 * every arrival or departure. The stops are served in route order and one counts as done when
 * the van leaves it (the driver's "completed" in real life).
 */
export function replayVan(van: SimulatedVan): StopEtaHistory[] {
  const rules = DEFAULT_TRACKING_RULES;
  const route = new RouteProgress(
    van.coordinates,
    van.legs,
    van.stops.map((stop) => stop.stopId),
    van.pieces,
  );
  const follower = new RouteFollower(route, rules.offRoute);
  const pace = new PaceTracker();
  const stationary = new StationaryTracker();
  const presences = van.stops.map((stop) => new StopPresence(stop, rules.presence));
  const arrivedAt = new Map<string, number>();
  const done = new Set<string>();
  const history = van.stops.map(
    (stop): StopEtaHistory => ({ stopId: stop.stopId, at: [], live: [], roadModel: [] }),
  );
  let departed = false;
  let lastEtaAt = Number.NEGATIVE_INFINITY;
  for (const fix of van.fixes) {
    let changed = false;
    // The driver serves the stops in route order: only the next one can be arrived at and left.
    const next = van.stops.findIndex((stop) => !done.has(stop.stopId));
    const presence = presences[next];
    if (presence) {
      const stop = van.stops[next]!;
      const event = presence.update(fix.fixAt, fix.lat, fix.lng);
      if (event.type === "arrived") arrivedAt.set(stop.stopId, event.at);
      if (event.type === "departed" && arrivedAt.has(stop.stopId)) done.add(stop.stopId);
      changed = event.type !== "none";
    }
    if (!departed && fix.speedKmh >= rules.movingKmh) departed = changed = true;
    const since = stationary.update(fix.fixAt, fix.lat, fix.lng);
    const step = follower.update(fix, {
      departed,
      atStop: presence?.isNear ?? false,
      stationaryS: (fix.fixAt - since) / 1000,
    });
    if (step?.pace) pace.observe(step.pace.plannedS, step.pace.actualS);
    if (!departed || !step || (!changed && fix.fixAt - lastEtaAt < rules.etaEveryS * 1000)) continue;
    lastEtaAt = fix.fixAt;
    const open = van.stops.filter((stop) => !done.has(stop.stopId));
    const stops = open.map(
      (stop): EtaStop => ({
        stopId: stop.stopId,
        serviceS: stop.serviceS,
        timeWindows: [],
        arrivedAt: arrivedAt.get(stop.stopId) ?? null,
      }),
    );
    const input = { now: fix.fixAt, fixAt: fix.fixAt, stops, staleAfterS: rules.staleAfterS };
    const live = etaAlongRoute(route, step.position.alongM, { ...input, pace: pace.pace });
    const roadModel = etaAlongRoute(route, step.position.alongM, { ...input, pace: 1 });
    if (!live || !roadModel) throw new Error("the open stops are always the tail of the route");
    for (const [i, stop] of open.entries()) {
      const entry = history[van.stops.indexOf(stop)]!;
      entry.at.push(fix.fixAt);
      entry.live.push(live[i]!.arrivalAt);
      entry.roadModel.push(roadModel[i]!.arrivalAt);
    }
  }
  return history;
}
