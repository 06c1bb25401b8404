import type { TimeWindow } from "@waybill/shared";

/**
 * A delivery window as the customer agreed it: the wall-clock times in the window's own offset
 * (what the customer was promised), whatever the phone's time zone. Several windows are joined.
 *
 * @example
 * formatTimeWindows([{ start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" }]);
 * // "09:00–12:00"
 */
export function formatTimeWindows(windows: readonly TimeWindow[]): string | null {
  if (windows.length === 0) return null;
  return windows.map((window) => `${wallClock(window.start)}–${wallClock(window.end)}`).join(", ");
}

function wallClock(iso: string): string {
  return /T(\d{2}:\d{2})/.exec(iso)?.[1] ?? iso;
}

/**
 * A distance for a turn instruction: metres rounded to 10 below 1 km, else kilometres with one
 * decimal.
 *
 * @example
 * formatDistance(348); // "350 m"
 * formatDistance(1260); // "1.3 km"
 */
export function formatDistance(distanceMeters: number): string {
  if (distanceMeters < 950) return `${Math.max(10, Math.round(distanceMeters / 10) * 10)} m`;
  return `${(distanceMeters / 1000).toFixed(1)} km`;
}

/**
 * A driving time in whole minutes (at least one).
 *
 * @example
 * formatDuration(370); // "6 min"
 */
export function formatDuration(durationSeconds: number): string {
  return `${Math.max(1, Math.round(durationSeconds / 60))} min`;
}

/**
 * The finished stops of the day in one line, for the end-of-route screen.
 *
 * @example
 * describeDay([{ status: "completed", outcome: "succeeded" }, { status: "completed", outcome: "failed" }]);
 * // "1 delivered, 1 failed"
 */
export function describeDay(
  stops: readonly { readonly status: string; readonly outcome: "succeeded" | "failed" | null }[],
): string {
  const done = stops.filter((stop) => stop.status === "completed");
  const failed = done.filter((stop) => stop.outcome === "failed").length;
  return `${done.length - failed} delivered, ${failed} failed`;
}
