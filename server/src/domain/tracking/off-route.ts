import { DwellSwitch } from "./dwell-switch";

/** Thresholds of off-route detection. */
export interface OffRouteRules {
  /** Farther than this from the route counts as off it, metres. */
  readonly offRouteM: number;
  /** Closer than this counts as back (hysteresis: between the two nothing changes), metres. */
  readonly backM: number;
  /** Time off the route before it counts, seconds (urban-canyon drift and tunnels do not). */
  readonly sustainS: number;
  /** Time back on the route before the vehicle counts as back, seconds. */
  readonly backS: number;
}

export const DEFAULT_OFF_ROUTE_RULES: OffRouteRules = {
  offRouteM: 100,
  backM: 50,
  sustainS: 60,
  backS: 15,
};

/** What a fix changed: nothing, the vehicle left the route, or it came back (at the crossing time). */
export type OffRouteEvent =
  | { readonly type: "none" }
  | { readonly type: "left"; readonly at: number; readonly distanceM: number }
  | { readonly type: "returned"; readonly at: number };

/**
 * Whether a vehicle has left its route, from its distance to the route at each fix, without
 * flapping: off after staying beyond `offRouteM` for `sustainS`, back after staying within
 * `backM` for `backS`; distances in between keep the state. A fix not newer than the last is
 * ignored (reordered or duplicated delivery). A silence longer than `sustainS` (a tunnel) counts
 * neither way: the clock starts again at the first fix after it.
 *
 * @example
 * const offRoute = new OffRouteDetector();
 * offRoute.update(fixAtMs, 140); // { type: "left", at, distanceM } once 60 s have been off the route
 */
export class OffRouteDetector {
  private readonly offRoute: DwellSwitch;
  private lastFixAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly rules: OffRouteRules = DEFAULT_OFF_ROUTE_RULES) {
    if (!(rules.backM <= rules.offRouteM))
      throw new RangeError(`backM (${rules.backM}) must not exceed offRouteM (${rules.offRouteM})`);
    this.offRoute = new DwellSwitch(rules.sustainS * 1000, rules.backS * 1000);
  }

  /** True from the confirmed departure from the route until the confirmed return. */
  get isOff(): boolean {
    return this.offRoute.isOn;
  }

  /** Feeds the distance (metres) between the route and the fix taken at `fixAt` (epoch ms). */
  update(fixAt: number, distanceM: number): OffRouteEvent {
    if (fixAt <= this.lastFixAt) return { type: "none" };
    // After a silence longer than the sustain time, what was seen before it proves nothing.
    if (fixAt - this.lastFixAt > this.rules.sustainS * 1000) this.offRoute.cancelPending();
    this.lastFixAt = fixAt;
    const off = distanceM > this.rules.offRouteM;
    const back = distanceM <= this.rules.backM;
    const flip = this.offRoute.update(fixAt, { startOn: off, keepOn: off, startOff: back, keepOff: back });
    if (!flip) return { type: "none" };
    return flip.to === "on" ? { type: "left", at: flip.at, distanceM } : { type: "returned", at: flip.at };
  }
}
