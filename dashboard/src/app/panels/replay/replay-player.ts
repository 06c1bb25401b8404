import { createFrameLoop } from "../../../map/frame-loop";
import {
  advanceReplayClock,
  createReplayClock,
  pauseReplay,
  playReplay,
  REPLAY_SPEEDS,
  type ReplayClockState,
  seekReplay,
  setReplaySpeed,
} from "../../../state/replay-clock";
import { currentEventIndex, type ReplayEvent } from "../../../state/replay-timeline";
import { type ReplayPosition, type ReplayTrack, replayPositionAt } from "../../../state/replay-track";
import { h, setText } from "../../dom";
import type { ConsoleMap } from "../console-context";
import { formatTimeOfDay } from "../time-format";
import { ReplayStrip } from "./replay-strip";

const DEFAULT_SPEED = 60;
const MINUTE_MS = 60_000;
/** Slider keys: arrows step a minute, Page Up/Down ten (the native step, a second, is too fine). */
const KEY_STEPS_MS: Readonly<Record<string, number>> = {
  ArrowLeft: -MINUTE_MS,
  ArrowDown: -MINUTE_MS,
  ArrowRight: MINUTE_MS,
  ArrowUp: MINUTE_MS,
  PageDown: -10 * MINUTE_MS,
  PageUp: 10 * MINUTE_MS,
};

/**
 * Plays a loaded day: play/pause, speed, the time slider and the timeline. While playing, one
 * animation frame moves the clock, the slider, the playhead and the marker on the map (only the
 * marker's one-point source is sent to the map).
 */
export class ReplayPlayer {
  readonly element: HTMLElement;
  private readonly playButton = h("button", { class: "btn btn-primary replay-play", type: "button" }, "Play");
  private readonly timeLabel = h("output", { class: "replay-time", "aria-live": "off" });
  private readonly speed = h(
    "select",
    { class: "input replay-speed", id: "replay-speed" },
    ...REPLAY_SPEEDS.map((speed) =>
      h("option", { value: speed, selected: speed === DEFAULT_SPEED }, `${speed}×`),
    ),
  );
  private readonly slider = h("input", {
    class: "replay-slider",
    type: "range",
    step: 1000,
    "aria-label": "Replay time",
  });
  private readonly strip = new ReplayStrip((at) => this.seek(at));
  private readonly loop = createFrameLoop((frameMs) => this.onFrame(frameMs));
  private readonly position: ReplayPosition = { lng: 0, lat: 0, headingDeg: 0, speedKmh: 0, inGap: false };
  private clock: ReplayClockState = createReplayClock(0, 0, DEFAULT_SPEED);
  private track: ReplayTrack | null = null;
  private events: readonly ReplayEvent[] = [];
  private timeZone = "UTC";
  private lastFrameMs = 0;

  constructor(private readonly map: Pick<ConsoleMap, "moveReplayMarker">) {
    this.element = h(
      "div",
      { class: "replay-player" },
      h(
        "div",
        { class: "replay-controls" },
        this.playButton,
        this.timeLabel,
        h("label", { class: "replay-speed-field" }, h("span", { class: "field-label" }, "Speed"), this.speed),
      ),
      this.slider,
      this.strip.strip,
      this.strip.list,
    );
    this.playButton.addEventListener("click", () => this.toggle());
    this.speed.addEventListener("change", () => {
      this.clock = setReplaySpeed(this.clock, Number(this.speed.value));
    });
    this.slider.addEventListener("input", () => this.seek(this.slider.valueAsNumber));
    this.slider.addEventListener("keydown", (event) => this.onSliderKey(event));
  }

  /** Starts over on a new day, paused at its first fix. */
  load(track: ReplayTrack, events: readonly ReplayEvent[], timeZone: string): void {
    this.track = track;
    this.events = events;
    this.timeZone = timeZone;
    this.clock = createReplayClock(track.startAt, track.endAt, Number(this.speed.value));
    this.slider.min = String(track.startAt);
    this.slider.max = String(track.endAt);
    this.strip.show(events, track.startAt, track.endAt, timeZone);
    this.render();
  }

  /** The replay time shown, epoch ms (NaN before a day is loaded). */
  get timeAt(): number {
    return this.track === null ? Number.NaN : this.clock.timeAt;
  }

  /** Pauses and forgets the day (the map is the panel's to clear). */
  unload(): void {
    this.clock = pauseReplay(this.clock);
    this.track = null;
    this.events = [];
  }

  destroy(): void {
    this.loop.stop();
  }

  private toggle(): void {
    this.clock = this.clock.playing ? pauseReplay(this.clock) : playReplay(this.clock);
    if (this.clock.playing) {
      this.lastFrameMs = performance.now();
      this.loop.wake();
    }
    this.render();
  }

  private seek(at: number): void {
    if (this.track === null) return;
    this.clock = seekReplay(this.clock, at);
    this.render();
  }

  private onFrame(frameMs: number): boolean {
    if (this.track === null) return false;
    this.clock = advanceReplayClock(this.clock, frameMs - this.lastFrameMs);
    this.lastFrameMs = frameMs;
    this.render();
    return this.clock.playing;
  }

  private onSliderKey(event: KeyboardEvent): void {
    const step = KEY_STEPS_MS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    this.seek(this.clock.timeAt + step);
  }

  private render(): void {
    const { clock, track } = this;
    if (track === null) return;
    const clockText = formatTimeOfDay(clock.timeAt, this.timeZone);
    setText(this.timeLabel, clockText);
    this.slider.value = String(clock.timeAt);
    this.slider.setAttribute("aria-valuetext", clockText);
    setText(this.playButton, clock.playing ? "Pause" : "Play");
    this.strip.update(clock.timeAt, currentEventIndex(this.events, clock.timeAt));
    this.map.moveReplayMarker(replayPositionAt(track, clock.timeAt, this.position) ? this.position : null);
  }
}
