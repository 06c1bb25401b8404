/** Replay speeds offered, as multiples of real time. */
export const REPLAY_SPEEDS = [1, 10, 30, 60, 120, 300, 600] as const;

/**
 * The replay's clock: which instant of the day is shown, whether it runs and how fast. Immutable;
 * every change returns a new state.
 */
export interface ReplayClockState {
  /** The replayed range, epoch ms. */
  readonly startAt: number;
  readonly endAt: number;
  /** The instant shown, epoch ms, within [startAt, endAt]. */
  readonly timeAt: number;
  readonly playing: boolean;
  /** Replay milliseconds per real millisecond. */
  readonly speed: number;
}

/**
 * A paused clock at the start of `[startAt, endAt]`.
 *
 * @example
 * const clock = createReplayClock(track.startAt, track.endAt, 60);
 */
export function createReplayClock(startAt: number, endAt: number, speed = 60): ReplayClockState {
  if (!(endAt >= startAt))
    throw new RangeError(`replay range must not end (${endAt}) before it starts (${startAt})`);
  return { startAt, endAt, timeAt: startAt, playing: false, speed: checkSpeed(speed) };
}

/**
 * Moves a playing clock on by `elapsedMs` of real time times its speed; it pauses at the end.
 * A paused clock is returned as it is.
 *
 * @example
 * clock = advanceReplayClock(clock, frameMs - lastFrameMs);
 */
export function advanceReplayClock(state: ReplayClockState, elapsedMs: number): ReplayClockState {
  if (!state.playing || !(elapsedMs > 0)) return state;
  const timeAt = state.timeAt + elapsedMs * state.speed;
  if (timeAt >= state.endAt) return { ...state, timeAt: state.endAt, playing: false };
  return { ...state, timeAt };
}

/**
 * Starts the clock; from the start again when it stood at the end.
 *
 * @example
 * clock = playReplay(clock);
 */
export function playReplay(state: ReplayClockState): ReplayClockState {
  const timeAt = state.timeAt >= state.endAt ? state.startAt : state.timeAt;
  return { ...state, timeAt, playing: state.endAt > state.startAt };
}

/** Stops the clock where it is. */
export function pauseReplay(state: ReplayClockState): ReplayClockState {
  return state.playing ? { ...state, playing: false } : state;
}

/**
 * Jumps to `at`, clamped to the range; playing or paused as before.
 *
 * @example
 * clock = seekReplay(clock, Date.parse(event.at));
 */
export function seekReplay(state: ReplayClockState, at: number): ReplayClockState {
  if (Number.isNaN(at)) throw new RangeError("cannot seek the replay to NaN");
  return { ...state, timeAt: Math.min(state.endAt, Math.max(state.startAt, at)) };
}

/** Changes the speed (a positive multiple of real time). */
export function setReplaySpeed(state: ReplayClockState, speed: number): ReplayClockState {
  return { ...state, speed: checkSpeed(speed) };
}

/** Where the clock stands in its range, 0 to 1 (0 for an empty range). */
export function replayProgress(state: ReplayClockState): number {
  const span = state.endAt - state.startAt;
  return span > 0 ? (state.timeAt - state.startAt) / span : 0;
}

function checkSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`replay speed must be positive, got ${speed}`);
  return speed;
}
