import { describe, expect, it } from "vitest";
import {
  advanceReplayClock,
  createReplayClock,
  pauseReplay,
  playReplay,
  replayProgress,
  seekReplay,
  setReplaySpeed,
} from "./replay-clock";

const START = Date.parse("2026-03-02T08:00:00Z");
const END = START + 3_600_000;

describe(createReplayClock.name, () => {
  it("starts paused at the start of the range", () => {
    const clock = createReplayClock(START, END, 10);
    expect(clock).toEqual({ startAt: START, endAt: END, timeAt: START, playing: false, speed: 10 });
  });

  it("refuses a range that ends before it starts, and a speed that is not positive", () => {
    expect(() => createReplayClock(END, START)).toThrow(/must not end/);
    expect(() => createReplayClock(START, END, 0)).toThrow(/positive/);
  });
});

describe(advanceReplayClock.name, () => {
  it("moves a playing clock by real time times the speed", () => {
    const clock = playReplay(createReplayClock(START, END, 60));
    expect(advanceReplayClock(clock, 1_000).timeAt).toBe(START + 60_000);
  });

  it("leaves a paused clock where it is", () => {
    const clock = createReplayClock(START, END, 60);
    expect(advanceReplayClock(clock, 1_000)).toBe(clock);
  });

  it("stops at the end, and plays from the start again when asked", () => {
    const clock = advanceReplayClock(playReplay(createReplayClock(START, END, 600)), 10_000);
    expect(clock.timeAt).toBe(END);
    expect(clock.playing).toBe(false);
    expect(replayProgress(clock)).toBe(1);
    const again = playReplay(clock);
    expect(again.timeAt).toBe(START);
    expect(again.playing).toBe(true);
  });
});

describe(seekReplay.name, () => {
  it("jumps within the range, keeps playing or paused, and clamps outside it", () => {
    const playing = playReplay(createReplayClock(START, END));
    const middle = seekReplay(playing, START + 1_800_000);
    expect(middle.playing).toBe(true);
    expect(replayProgress(middle)).toBe(0.5);
    expect(seekReplay(playing, END + 1).timeAt).toBe(END);
    expect(seekReplay(pauseReplay(playing), START - 1)).toMatchObject({ timeAt: START, playing: false });
  });
});

describe(setReplaySpeed.name, () => {
  it("changes how fast the clock runs from now on", () => {
    const clock = setReplaySpeed(playReplay(createReplayClock(START, END, 1)), 300);
    expect(advanceReplayClock(clock, 2_000).timeAt).toBe(START + 600_000);
    expect(() => setReplaySpeed(clock, Number.NaN)).toThrow(/positive/);
  });
});

describe(playReplay.name, () => {
  it("does not run an empty range (a day with one fix)", () => {
    expect(playReplay(createReplayClock(START, START)).playing).toBe(false);
  });
});
