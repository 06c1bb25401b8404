import { haversineMeters } from "../telemetry/distance";
import { DwellSwitch } from "./dwell-switch";

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
  private readonly near: DwellSwitch;
  private lastFixAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stop: { readonly lat: number; readonly lng: number },
    private readonly rules: StopPresenceRules = DEFAULT_STOP_PRESENCE_RULES,
    present = false,
  ) {
    this.near = new DwellSwitch(rules.dwellS * 1000, rules.leaveS * 1000, present);
  }

  get isPresent(): boolean {
    return this.near.isOn;
  }

  /** True from entering the stop's radius (before the dwell confirms it) until the confirmed departure. */
  get isNear(): boolean {
    return this.near.isStirring;
  }

  update(fixAt: number, lat: number, lng: number): PresenceEvent {
    if (fixAt <= this.lastFixAt) return { type: "none" };
    this.lastFixAt = fixAt;
    const distance = haversineMeters(lat, lng, this.stop.lat, this.stop.lng);
    const inside = distance <= this.rules.enterRadiusM;
    const outside = distance > this.rules.exitRadiusM;
    const flip = this.near.update(fixAt, {
      startOn: inside,
      keepOn: !outside,
      startOff: outside,
      keepOff: outside,
    });
    if (!flip) return { type: "none" };
    return { type: flip.to === "on" ? "arrived" : "departed", at: flip.at };
  }
}
