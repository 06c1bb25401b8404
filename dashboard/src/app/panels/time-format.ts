/**
 * Time, distance and duration as the console shows them. Times are shown on the clock of the
 * order's or plan's time zone: a dispatcher plans in the depot's local time, not the browser's.
 */

const clockFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      ...(withDate ? { day: "numeric", month: "short" } : {}),
    });
    clockFormats.set(key, format);
  }
  return format;
}

/**
 * An instant as HH:mm on the zone's clock.
 *
 * @example
 * formatClock("2026-11-23T08:05:00Z", "UTC"); // "08:05"
 */
export function formatClock(iso: string, timeZone: string): string {
  return clockFormat(timeZone, false).format(new Date(iso));
}

/**
 * An instant with its date, on the zone's clock.
 *
 * @example
 * formatDateTime("2026-11-23T08:05:00Z", "UTC"); // "23 Nov, 08:05"
 */
export function formatDateTime(iso: string, timeZone: string): string {
  return clockFormat(timeZone, true).format(new Date(iso));
}

/**
 * A delivery window: its date and both ends, on the zone's clock.
 *
 * @example
 * formatWindow({ start: "2026-11-23T08:00:00Z", end: "2026-11-23T12:00:00Z" }, "UTC"); // "23 Nov, 08:00–12:00"
 */
export function formatWindow(window: { start: string; end: string }, timeZone: string): string {
  return `${formatDateTime(window.start, timeZone)}–${formatClock(window.end, timeZone)}`;
}

/**
 * Seconds as hours and minutes.
 *
 * @example
 * formatDuration(5_400); // "1 h 30 min"
 * formatDuration(240); // "4 min"
 */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/**
 * Metres as km with one decimal (metres under 1 km).
 *
 * @example
 * formatDistance(12_345); // "12.3 km"
 * formatDistance(640); // "640 m"
 */
export function formatDistance(meters: number): string {
  return meters < 1_000 ? `${Math.round(meters)} m` : `${(meters / 1_000).toFixed(1)} km`;
}

/** The browser's time zone, for times that belong to no order or plan (alerts). */
export const LOCAL_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const timeOfDayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant (epoch ms) as HH:mm:ss on the zone's clock, for the replay's time.
 *
 * @example
 * formatTimeOfDay(Date.parse("2026-11-23T08:05:09Z"), "UTC"); // "08:05:09"
 */
export function formatTimeOfDay(epochMs: number, timeZone: string): string {
  let format = timeOfDayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    timeOfDayFormats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/**
 * Today's date (YYYY-MM-DD) on the zone's clock.
 *
 * @example
 * dateOn(Date.parse("2026-11-23T23:30:00Z"), "Europe/Paris"); // "2026-11-24"
 */
export function dateOn(epochMs: number, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(epochMs);
}
