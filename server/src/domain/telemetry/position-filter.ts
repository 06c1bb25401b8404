import { haversineMeters } from "./distance";

/** The last accepted fix of a vehicle, as the filter needs it. */
export interface LastFix {
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
}

/** A candidate fix: time in epoch ms, position in degrees. */
export interface CandidateFix extends LastFix {
  readonly receivedAt: number;
}

/** Thresholds of the filter, in the units of their names. */
export interface PositionFilterRules {
  readonly futureToleranceMs: number;
  readonly maxPlausibleSpeedKmh: number;
  /** Jumps shorter than this are never implausible (GPS noise while standing), metres. */
  readonly jumpFloorM: number;
}

/** Why a fix is dropped, or null when it passes. */
export type FilterVerdict = "future_fix" | "duplicate" | "implausible_jump" | null;

const isFuture = (fix: CandidateFix, rules: PositionFilterRules): boolean =>
  fix.fixAt > fix.receivedAt + rules.futureToleranceMs;

const isDuplicate = (fix: CandidateFix, last: LastFix | null): boolean =>
  last !== null && fix.fixAt === last.fixAt;

function isImplausibleJump(fix: CandidateFix, last: LastFix | null, rules: PositionFilterRules): boolean {
  if (last === null || fix.fixAt <= last.fixAt) return false;
  const distanceM = haversineMeters(last.lat, last.lng, fix.lat, fix.lng);
  if (distanceM <= rules.jumpFloorM) return false;
  const hours = (fix.fixAt - last.fixAt) / 3_600_000;
  return distanceM / 1000 / hours > rules.maxPlausibleSpeedKmh;
}

/**
 * Judges one fix against the vehicle's last accepted fix, like Traccar's FilterHandler: named
 * predicates, first one that fires wins. Older fixes (late data) pass: history keeps them, and
 * the latest state ignores them.
 *
 * @example
 * filterPosition(fix, last, { futureToleranceMs: 300_000, maxPlausibleSpeedKmh: 300, jumpFloorM: 500 });
 */
export function filterPosition(
  fix: CandidateFix,
  last: LastFix | null,
  rules: PositionFilterRules,
): FilterVerdict {
  if (isFuture(fix, rules)) return "future_fix";
  if (isDuplicate(fix, last)) return "duplicate";
  if (isImplausibleJump(fix, last, rules)) return "implausible_jump";
  return null;
}
