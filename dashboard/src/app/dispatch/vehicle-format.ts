const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Speed for the list: whole km/h, or an em dash when unknown (NaN).
 *
 * @example
 * formatSpeed(42.4); // "42 km/h"
 */
export function formatSpeed(speedKmh: number): string {
  return Number.isNaN(speedKmh) ? "—" : `${Math.round(speedKmh)} km/h`;
}

/**
 * Age of the last fix in the largest unit that keeps it short. NaN `fixAt` means no fix yet.
 *
 * @example
 * formatFixAge(now - 90_000, now); // "1 min ago"
 */
export function formatFixAge(fixAt: number, nowMs: number): string {
  if (Number.isNaN(fixAt)) return "No fix yet";
  const ageMs = Math.max(0, nowMs - fixAt);
  if (ageMs < 5_000) return "just now";
  if (ageMs < MINUTE_MS) return `${Math.floor(ageMs / 1000)} s ago`;
  if (ageMs < HOUR_MS) return `${Math.floor(ageMs / MINUTE_MS)} min ago`;
  if (ageMs < DAY_MS) return `${Math.floor(ageMs / HOUR_MS)} h ago`;
  return new Date(fixAt).toLocaleDateString(undefined, { day: "numeric", month: "short" });
}
