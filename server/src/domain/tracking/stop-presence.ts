import { haversineMeters } from "../telemetry/distance";

/** Thresholds of stop detection. */
export interface StopPresenceRules {
  /** Closer than this counts as at the stop, metres. */
  readonly enterRadiusM: number;
  /** Farther than this counts as gone (hysteresis: GPS drift between the radii changes nothing), metres. */
  readonly exitRadiusM: number;
  /** Time at the stop before it counts as an arrival, seconds (a van passing by does not arrive). */
  readonly dwellS: number;
  /** Time beyond the exit radius before it counts as a departure, seconds. */
  readonly leaveS: number;
}

export const DEFAULT_STOP_PRESENCE_RULES: StopPresenceRules = {
  enterRadiusM: 50,
  exitRadiusM: 100,
  dwellS: 45,
  leaveS: 20,
};

/** What a fix changed: nothing, an arrival (at the time the vehicle got there) or a departure. */
export type PresenceEvent =
  | { readonly type: "none" }
  | { readonly type: "arrived"; readonly at: number }
  | { readonly type: "departed"; readonly at: number };

type State =
  | { readonly kind: "away" }
  | { readonly kind: "entering"; readonly since: number }
  | { readonly kind: "present" }
  | { readonly kind: "leaving"; readonly since: number };

/**
 * Whether a vehicle is at one stop, from its fixes, without flapping: it arrives after staying
 * inside the enter radius for the dwell time, and departs after staying outside the exit radius
 * for the leave time. Fixes between the two radii keep the current state; a fix older than the
 * last one is ignored (reordered delivery). Arrival and departure times are when the vehicle
 * crossed, not when it was confirmed.
 *
 * @example
 * const presence = new StopPresence({ lat: 43.73, lng: 7.42 });
 * presence.update(fixAtMs, lat, lng); // { type: "arrived", at } once it has dwelt there
 */
export class StopPresence {
  private state: State = { kind: "away" };
  private lastFixAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stop: { readonly lat: number; readonly lng: number },
    private readonly rules: StopPresenceRules = DEFAULT_STOP_PRESENCE_RULES,
    present = false,
  ) {
    if (present) this.state = { kind: "present" };
  }

  get isPresent(): boolean {
    return this.state.kind === "present" || this.state.kind === "leaving";
  }

  /** True from entering the stop's radius (before the dwell confirms it) until the confirmed departure. */
  get isNear(): boolean {
    return this.state.kind !== "away";
  }

  update(fixAt: number, lat: number, lng: number): PresenceEvent {
    if (fixAt <= this.lastFixAt) return { type: "none" };
    this.lastFixAt = fixAt;
    const distance = haversineMeters(lat, lng, this.stop.lat, this.stop.lng);
    const inside = distance <= this.rules.enterRadiusM;
    const outside = distance > this.rules.exitRadiusM;
    switch (this.state.kind) {
      case "away":
        if (inside) return this.enter(fixAt, fixAt);
        return { type: "none" };
      case "entering":
        if (outside) {
          this.state = { kind: "away" };
          return { type: "none" };
        }
        return this.enter(this.state.since, fixAt);
      case "present":
        if (outside) return this.leave(fixAt, fixAt);
        return { type: "none" };
      case "leaving":
        if (!outside) {
          this.state = { kind: "present" };
          return { type: "none" };
        }
        return this.leave(this.state.since, fixAt);
    }
  }

  private enter(since: number, now: number): PresenceEvent {
    if (now - since >= this.rules.dwellS * 1000) {
      this.state = { kind: "present" };
      return { type: "arrived", at: since };
    }
    this.state = { kind: "entering", since };
    return { type: "none" };
  }

  private leave(since: number, now: number): PresenceEvent {
    if (now - since >= this.rules.leaveS * 1000) {
      this.state = { kind: "away" };
      return { type: "departed", at: since };
    }
    this.state = { kind: "leaving", since };
    return { type: "none" };
  }
}
