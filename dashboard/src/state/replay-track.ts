import type { DayHistoryDto } from "../api/types";
import { approxBearingDeg, approxDistanceMeters } from "./planar-geo";

/**
 * Fixes further apart in time than this, and in space than {@link SAME_PLACE_METERS}, are a gap in
 * the data: the vehicle holds its last fix, then jumps, rather than glide along a made-up line.
 */
export const MAX_INTERPOLATION_GAP_MS = 5 * 60_000;
/** Two fixes this close are the same place (the server's stay radius): a long wait there is no gap. */
const SAME_PLACE_METERS = 50;
/** Below this move between two fixes the heading is GPS noise; the previous heading is kept. */
const MIN_MOVE_FOR_HEADING_METERS = 3;

/**
 * A vehicle's day as one time-ordered series of fixes (column arrays): the points of its trips
 * and both ends of its stays, so a vehicle that stood all day still has a position.
 * `headingDeg[i]` is the direction of travel from fix i to fix i + 1 (carried over standstills).
 */
export interface ReplayTrack {
  readonly fixAt: Float64Array;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly speedKmh: Float64Array;
  readonly headingDeg: Float64Array;
  /** First and last fix, epoch ms; both NaN for a day without fixes. */
  readonly startAt: number;
  readonly endAt: number;
}

/** Where the replayed vehicle is at one instant. */
export interface ReplayPosition {
  lng: number;
  lat: number;
  /** Degrees clockwise from north; NaN when the vehicle never moved. */
  headingDeg: number;
  /** Reported at the fix before, NaN when unknown. */
  speedKmh: number;
  /** True while the vehicle holds its last fix across a gap in the data (no signal). */
  inGap: boolean;
}

interface Fix {
  readonly at: number;
  readonly lng: number;
  readonly lat: number;
  readonly speedKmh: number;
}

/**
 * Builds the replay series of a day's history: the vertices of its trips (on the roads, each with
 * its time) and stay ends, sorted by time, one per millisecond (the first kept).
 *
 * @example
 * const track = buildReplayTrack(await api.getVehicleDay(vehicleId, "2026-03-02", "Europe/Monaco"));
 */
export function buildReplayTrack(history: DayHistoryDto): ReplayTrack {
  const fixes: Fix[] = [];
  for (const feature of history.features) {
    const p = feature.properties;
    if (p.kind === "trip" && feature.geometry.type === "LineString") {
      feature.geometry.coordinates.forEach(([lng, lat], i) => {
        const at = p.coordinateAt[i];
        if (at !== undefined) fixes.push({ at, lng, lat, speedKmh: p.speedKmh[i] ?? Number.NaN });
      });
    } else if (p.kind === "stay" && feature.geometry.type === "Point") {
      const [lng, lat] = feature.geometry.coordinates;
      fixes.push({ at: Date.parse(p.startAt), lng, lat, speedKmh: 0 });
      fixes.push({ at: Date.parse(p.endAt), lng, lat, speedKmh: 0 });
    }
  }
  fixes.sort((a, b) => a.at - b.at);
  const unique = fixes.filter((fix, i) => i === 0 || fix.at !== fixes[i - 1]!.at);
  return toColumns(unique);
}

function toColumns(fixes: readonly Fix[]): ReplayTrack {
  const n = fixes.length;
  const track = {
    fixAt: new Float64Array(n),
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    speedKmh: new Float64Array(n),
    headingDeg: new Float64Array(n).fill(Number.NaN),
    startAt: fixes[0]?.at ?? Number.NaN,
    endAt: fixes.at(-1)?.at ?? Number.NaN,
  };
  fixes.forEach((fix, i) => {
    track.fixAt[i] = fix.at;
    track.lng[i] = fix.lng;
    track.lat[i] = fix.lat;
    track.speedKmh[i] = fix.speedKmh;
  });
  fillHeadings(track);
  return track;
}

/** Heading of each leg; standstills carry the heading before them (or, at the start, the first one after). */
function fillHeadings(track: ReplayTrack): void {
  const { lng, lat, headingDeg } = track;
  let last = Number.NaN;
  for (let i = 0; i + 1 < lng.length; i++) {
    const moved = approxDistanceMeters(lng[i]!, lat[i]!, lng[i + 1]!, lat[i + 1]!);
    if (moved >= MIN_MOVE_FOR_HEADING_METERS)
      last = approxBearingDeg(lng[i]!, lat[i]!, lng[i + 1]!, lat[i + 1]!);
    headingDeg[i] = last;
  }
  if (lng.length > 0) headingDeg[lng.length - 1] = last;
  const first = headingDeg.findIndex((heading) => !Number.isNaN(heading));
  if (first > 0) headingDeg.fill(headingDeg[first]!, 0, first);
}

/**
 * Index of the last fix at or before `at` (binary search), -1 before the first fix.
 *
 * @example
 * fixIndexAt(track, track.startAt); // 0
 */
export function fixIndexAt(track: ReplayTrack, at: number): number {
  let lo = 0;
  let hi = track.fixAt.length - 1;
  if (hi < 0 || at < track.fixAt[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (track.fixAt[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Writes into `out` where the vehicle was at `at`: linear between the fixes around it (unless they
 * are more than {@link MAX_INTERPOLATION_GAP_MS} apart), clamped to the first and last fix. Returns
 * false (and leaves `out` alone) for a day without fixes. No allocation: called every frame.
 *
 * @example
 * const position = { lng: 0, lat: 0, headingDeg: 0, speedKmh: 0, inGap: false };
 * replayPositionAt(track, clock.timeAt, position);
 */
export function replayPositionAt(track: ReplayTrack, at: number, out: ReplayPosition): boolean {
  const count = track.fixAt.length;
  if (count === 0) return false;
  const i = Math.max(0, fixIndexAt(track, at));
  const next = i + 1 < count ? i + 1 : i;
  const gapMs = track.fixAt[next]! - track.fixAt[i]!;
  const inGap =
    gapMs > MAX_INTERPOLATION_GAP_MS &&
    approxDistanceMeters(track.lng[i]!, track.lat[i]!, track.lng[next]!, track.lat[next]!) >
      SAME_PLACE_METERS;
  const fraction =
    next === i || inGap || at <= track.fixAt[i]! ? 0 : Math.min(1, (at - track.fixAt[i]!) / gapMs);
  out.lng = track.lng[i]! + (track.lng[next]! - track.lng[i]!) * fraction;
  out.lat = track.lat[i]! + (track.lat[next]! - track.lat[i]!) * fraction;
  out.headingDeg = track.headingDeg[i]!;
  out.speedKmh = track.speedKmh[i]!;
  out.inGap = inGap;
  return true;
}
