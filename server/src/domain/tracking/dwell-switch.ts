/** A switch flipped: when the condition that flipped it began (not when it was confirmed). */
export type SwitchFlip = { readonly to: "on" | "off"; readonly at: number } | null;

type State =
  | { readonly kind: "off" }
  | { readonly kind: "turning_on"; readonly since: number }
  | { readonly kind: "on" }
  | { readonly kind: "turning_off"; readonly since: number };

/** What a fix says: may it start or keep turning the switch on, or off. */
export interface SwitchSignal {
  readonly startOn: boolean;
  readonly keepOn: boolean;
  readonly startOff: boolean;
  readonly keepOff: boolean;
}

/**
 * A two-state switch with hysteresis and dwell, the core of the geofence and off-route rules: it
 * turns on only after the "on" condition held for `onAfterMs`, and off only after the "off"
 * condition held for `offAfterMs`; a fix that breaks a pending change cancels it. Time is the
 * fix's own (epoch ms), so the switch flips at the moment the vehicle crossed.
 *
 * @example
 * const near = new DwellSwitch(45_000, 20_000);
 * near.update(t, { startOn: inside, keepOn: !outside, startOff: outside, keepOff: outside });
 * // { to: "on", at } once it has been inside for 45 s
 */
export class DwellSwitch {
  private state: State;

  constructor(
    private readonly onAfterMs: number,
    private readonly offAfterMs: number,
    on = false,
  ) {
    this.state = { kind: on ? "on" : "off" };
  }

  /** On, or on and possibly turning off. */
  get isOn(): boolean {
    return this.state.kind === "on" || this.state.kind === "turning_off";
  }

  /** Anything but plainly off: on, or on the way to it. */
  get isStirring(): boolean {
    return this.state.kind !== "off";
  }

  /** Drops a pending change (a silence that proves nothing either way). */
  cancelPending(): void {
    if (this.state.kind === "turning_on") this.state = { kind: "off" };
    else if (this.state.kind === "turning_off") this.state = { kind: "on" };
  }

  update(at: number, signal: SwitchSignal): SwitchFlip {
    switch (this.state.kind) {
      case "off":
        return signal.startOn ? this.turnOn(at, at) : null;
      case "turning_on":
        if (!signal.keepOn) {
          this.state = { kind: "off" };
          return null;
        }
        return this.turnOn(this.state.since, at);
      case "on":
        return signal.startOff ? this.turnOff(at, at) : null;
      case "turning_off":
        if (!signal.keepOff) {
          this.state = { kind: "on" };
          return null;
        }
        return this.turnOff(this.state.since, at);
    }
  }

  private turnOn(since: number, now: number): SwitchFlip {
    if (now - since >= this.onAfterMs) {
      this.state = { kind: "on" };
      return { to: "on", at: since };
    }
    this.state = { kind: "turning_on", since };
    return null;
  }

  private turnOff(since: number, now: number): SwitchFlip {
    if (now - since >= this.offAfterMs) {
      this.state = { kind: "off" };
      return { to: "off", at: since };
    }
    this.state = { kind: "turning_off", since };
    return null;
  }
}
