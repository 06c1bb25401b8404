import { describe, expect, it } from "vitest";
import { DwellSwitch } from "./dwell-switch";

const ON = { startOn: true, keepOn: true, startOff: false, keepOff: false };
const OFF = { startOn: false, keepOn: false, startOff: true, keepOff: true };
const BETWEEN = { startOn: false, keepOn: true, startOff: false, keepOff: true };

describe("DwellSwitch", () => {
  it("turns on only after the condition held for the dwell, dated when it began", () => {
    const s = new DwellSwitch(10_000, 5_000);
    expect(s.update(0, ON)).toBeNull();
    expect(s.isStirring).toBe(true);
    expect(s.update(9_999, ON)).toBeNull();
    expect(s.update(10_000, ON)).toEqual({ to: "on", at: 0 });
    expect(s.isOn).toBe(true);
  });

  it("keeps a pending change through the band between the thresholds, and drops it on a breaking fix", () => {
    const s = new DwellSwitch(10_000, 5_000);
    s.update(0, ON);
    expect(s.update(6_000, BETWEEN)).toBeNull();
    expect(s.update(10_000, BETWEEN)).toEqual({ to: "on", at: 0 });
    s.update(20_000, OFF);
    expect(s.update(22_000, { ...OFF, keepOff: false })).toBeNull();
    expect(s.isOn).toBe(true);
    expect(s.update(30_000, OFF)).toBeNull();
    expect(s.update(35_000, OFF)).toEqual({ to: "off", at: 30_000 });
  });

  it("forgets a pending change when told the interval proves nothing", () => {
    const s = new DwellSwitch(10_000, 5_000);
    s.update(0, ON);
    s.cancelPending();
    expect(s.isStirring).toBe(false);
    expect(s.update(10_000, ON)).toBeNull();
  });
});
