import { describe, expect, it } from "vitest";
import { dayFeatures, dayHistory, lngAt, T0 } from "./replay-day.fixture";
import {
  buildReplayTrack,
  fixIndexAt,
  MAX_INTERPOLATION_GAP_MS,
  type ReplayPosition,
  replayPositionAt,
} from "./replay-track";

const MINUTE_MS = 60_000;
const TRIP_START = T0 + 10 * MINUTE_MS;

function positionAt(at: number, history = dayHistory()): ReplayPosition {
  const out: ReplayPosition = { lng: 0, lat: 0, headingDeg: 0, speedKmh: 0, inGap: false };
  expect(replayPositionAt(buildReplayTrack(history), at, out)).toBe(true);
  return out;
}

describe(buildReplayTrack.name, () => {
  it("merges stay ends and trip points into one series in time order, one fix per instant", () => {
    const track = buildReplayTrack(dayHistory());
    expect([...track.fixAt]).toEqual([T0, TRIP_START, TRIP_START + MINUTE_MS, TRIP_START + 2 * MINUTE_MS]);
    expect(track.startAt).toBe(T0);
    expect(track.endAt).toBe(TRIP_START + 2 * MINUTE_MS);
    expect(track.speedKmh[1]).toBe(30);
    expect(track.speedKmh[3]).toBeNaN();
  });

  it("gives the parked start the heading of the first move and carries the last one to the end", () => {
    const track = buildReplayTrack(dayHistory());
    for (const heading of track.headingDeg) expect(heading).toBeCloseTo(90, 0);
  });

  it("keeps a vehicle that stood all day (no trip) in place", () => {
    const stayOnly = dayFeatures().filter((feature) => feature.properties.kind === "stay");
    const position = positionAt(T0 + 3 * MINUTE_MS, dayHistory(stayOnly));
    expect(position.lng).toBeCloseTo(lngAt(0), 9);
    expect(position.headingDeg).toBeNaN();
    expect(position.inGap).toBe(false);
  });

  it("is empty for a day without fixes", () => {
    const track = buildReplayTrack(dayHistory([]));
    expect(track.fixAt).toHaveLength(0);
    expect(track.startAt).toBeNaN();
    const out: ReplayPosition = { lng: 1, lat: 2, headingDeg: 0, speedKmh: 0, inGap: false };
    expect(replayPositionAt(track, T0, out)).toBe(false);
    expect(out.lng).toBe(1);
  });
});

describe(fixIndexAt.name, () => {
  it("finds the last fix at or before the instant", () => {
    const track = buildReplayTrack(dayHistory());
    expect(fixIndexAt(track, T0 - 1)).toBe(-1);
    expect(fixIndexAt(track, T0)).toBe(0);
    expect(fixIndexAt(track, TRIP_START + MINUTE_MS - 1)).toBe(1);
    expect(fixIndexAt(track, TRIP_START + MINUTE_MS)).toBe(2);
    expect(fixIndexAt(track, TRIP_START + 60 * MINUTE_MS)).toBe(3);
  });
});

describe(replayPositionAt.name, () => {
  it("interpolates between the fixes around the instant", () => {
    const position = positionAt(TRIP_START + 15_000);
    expect(position.lng).toBeCloseTo(lngAt(150), 9);
    expect(position.lat).toBeCloseTo(43.73, 9);
    expect(position.speedKmh).toBe(30);
    expect(position.inGap).toBe(false);
  });

  it("clamps to the first and the last fix outside the day's data", () => {
    expect(positionAt(T0 - MINUTE_MS).lng).toBeCloseTo(lngAt(0), 9);
    expect(positionAt(TRIP_START + 90 * MINUTE_MS).lng).toBeCloseTo(lngAt(1200), 9);
  });

  it("holds the last fix across a long gap between distant fixes instead of inventing a path", () => {
    const [trip] = dayFeatures();
    const late = TRIP_START + MINUTE_MS + MAX_INTERPOLATION_GAP_MS + MINUTE_MS;
    const gapped = dayHistory([
      {
        ...trip,
        properties: { ...trip.properties, coordinateAt: [TRIP_START, TRIP_START + MINUTE_MS, late] },
      },
    ]);
    const position = positionAt(late - MINUTE_MS, gapped);
    expect(position.lng).toBeCloseTo(lngAt(600), 9);
    expect(position.inGap).toBe(true);
    expect(positionAt(late, gapped).lng).toBeCloseTo(lngAt(1200), 9);
  });
});
