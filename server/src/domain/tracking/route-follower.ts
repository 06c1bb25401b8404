import {
  DEFAULT_OFF_ROUTE_RULES,
  OffRouteDetector,
  type OffRouteEvent,
  type OffRouteRules,
} from "./off-route";
import type { LinePosition } from "./route-line";
import type { RouteProgress } from "./route-progress";

/** What the caller knows of the vehicle at a fix, beyond the route. */
export interface FollowContext {
  /** It has left its start: before that neither the route nor the pace is judged. */
  readonly departed: boolean;
  /** It is at a stop (or entering or leaving one): on plan, and its time there is service, not driving. */
  readonly atStop: boolean;
  /** How long it has stood still, seconds. */
  readonly stationaryS: number;
}

/** Planned and actual driving seconds between two fixes, for {@link PaceTracker.observe}. */
export interface PaceSample {
  readonly plannedS: number;
  readonly actualS: number;
}

/** What one fix says about the route. */
export interface FollowStep {
  readonly position: LinePosition;
  readonly event: OffRouteEvent;
  /** Null when the interval says nothing of the traffic (at a stop, off the route, after a gap). */
  readonly pace: PaceSample | null;
}

/** Longest interval between two fixes that still describes driving, seconds. */
const MAX_SAMPLE_GAP_S = 600;
/** Standing still longer than this is a break or a breakdown, not traffic, seconds. */
const LONG_STANDSTILL_S = 120;
/** Progress faster than this multiple of the plan (plus a margin) is a jump along the line, not driving. */
const MAX_PLAUSIBLE_PACE_GAIN = 3;

/**
 * Follows one vehicle along one route, fix by fix (oldest first): where it is on the route
 * (indexed projection around its previous place), whether it left the route (off-route
 * detector with hysteresis and sustain time), and pace samples: the planned time of the road it
 * covered against the time it took. Progress only counts forward: GPS jitter backwards along the
 * line is not negative driving. A fix not newer than the last is ignored.
 *
 * @example
 * const follower = new RouteFollower(route);
 * const step = follower.update(fix, { departed: true, atStop: false, stationaryS: 0 });
 * if (step?.pace) pace.observe(step.pace.plannedS, step.pace.actualS);
 */
export class RouteFollower {
  readonly offRoute: OffRouteDetector;
  private lastFixAt = Number.NEGATIVE_INFINITY;
  /** Planned seconds from the route's start to the farthest point reached. */
  private reachedS = 0;
  private current: LinePosition | null = null;
  private lastFix = { lat: 0, lng: 0 };

  constructor(
    readonly route: RouteProgress,
    private readonly rules: OffRouteRules = DEFAULT_OFF_ROUTE_RULES,
  ) {
    this.offRoute = new OffRouteDetector(rules);
  }

  /** Where the vehicle was at its last fix on this route; null before the first. */
  get position(): LinePosition | null {
    return this.current;
  }

  /** Feeds a fix; null when it is not newer than the last one. */
  update(
    fix: { readonly fixAt: number; readonly lat: number; readonly lng: number },
    context: FollowContext,
  ): FollowStep | null {
    if (fix.fixAt <= this.lastFixAt) return null;
    const first = this.current === null;
    const elapsedS = (fix.fixAt - this.lastFixAt) / 1000;
    this.lastFixAt = fix.fixAt;
    const hint = this.current && {
      ...this.lastFix,
      segment: this.current.segment,
      alongM: this.current.alongM,
    };
    const position = this.route.line.locate(fix.lat, fix.lng, hint);
    this.current = position;
    this.lastFix = { lat: fix.lat, lng: fix.lng };
    const judged = context.departed && !context.atStop;
    // At a stop the vehicle is where the plan wants it, even when the stop lies off the road.
    const event: OffRouteEvent = context.departed
      ? this.offRoute.update(fix.fixAt, context.atStop ? 0 : position.distanceM)
      : { type: "none" };
    const plannedAt = this.route.plannedSAt(position.alongM);
    const gainS = Math.max(0, plannedAt - this.reachedS);
    const jumped = gainS > MAX_PLAUSIBLE_PACE_GAIN * elapsedS + 30;
    this.reachedS = Math.max(this.reachedS, plannedAt);
    const usable =
      !first &&
      judged &&
      !jumped &&
      elapsedS <= MAX_SAMPLE_GAP_S &&
      context.stationaryS < LONG_STANDSTILL_S &&
      position.distanceM <= this.rules.offRouteM &&
      !this.offRoute.isOff;
    return { position, event, pace: usable ? { plannedS: gainS, actualS: elapsedS } : null };
  }
}
