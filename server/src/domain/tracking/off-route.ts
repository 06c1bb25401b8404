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

type State =
  | { readonly kind: "on" }
  | { readonly kind: "leaving"; readonly since: number }
  | { readonly kind: "off" }
  | { readonly kind: "returning"; readonly since: number };

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
  private state: State = { kind: "on" };
  private lastFixAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly rules: OffRouteRules = DEFAULT_OFF_ROUTE_RULES) {
    if (!(rules.backM <= rules.offRouteM))
      throw new RangeError(`backM (${rules.backM}) must not exceed offRouteM (${rules.offRouteM})`);
  }

  /** True from the confirmed departure from the route until the confirmed return. */
  get isOff(): boolean {
    return this.state.kind === "off" || this.state.kind === "returning";
  }

  /** Feeds the distance (metres) between the route and the fix taken at `fixAt` (epoch ms). */
  update(fixAt: number, distanceM: number): OffRouteEvent {
    if (fixAt <= this.lastFixAt) return { type: "none" };
    // After a silence longer than the sustain time, what was seen before it proves nothing.
    const gap = fixAt - this.lastFixAt > this.rules.sustainS * 1000;
    this.lastFixAt = fixAt;
    if (gap && this.state.kind === "leaving") this.state = { kind: "on" };
    if (gap && this.state.kind === "returning") this.state = { kind: "off" };
    const off = distanceM > this.rules.offRouteM;
    const back = distanceM <= this.rules.backM;
    switch (this.state.kind) {
      case "on":
        return off ? this.leave(fixAt, fixAt, distanceM) : { type: "none" };
      case "leaving":
        if (!off) {
          this.state = { kind: "on" };
          return { type: "none" };
        }
        return this.leave(this.state.since, fixAt, distanceM);
      case "off":
        return back ? this.comeBack(fixAt, fixAt) : { type: "none" };
      case "returning":
        if (!back) {
          this.state = { kind: "off" };
          return { type: "none" };
        }
        return this.comeBack(this.state.since, fixAt);
    }
  }

  private leave(since: number, now: number, distanceM: number): OffRouteEvent {
    if (now - since >= this.rules.sustainS * 1000) {
      this.state = { kind: "off" };
      return { type: "left", at: since, distanceM };
    }
    this.state = { kind: "leaving", since };
    return { type: "none" };
  }

  private comeBack(since: number, now: number): OffRouteEvent {
    if (now - since >= this.rules.backS * 1000) {
      this.state = { kind: "on" };
      return { type: "returned", at: since };
    }
    this.state = { kind: "returning", since };
    return { type: "none" };
  }
}
