/** 2000-01-01T00:00:00Z, epoch milliseconds: no GPS fix we accept is older. */
export const EARLIEST_FIX_AT = 946_684_800_000;
/** Largest time a JavaScript Date can hold, epoch milliseconds. */
const LATEST_REPRESENTABLE_AT = 8_640_000_000_000_000;

// ISO-8601 extended date-time with a mandatory `Z` or numeric offset; seconds and fraction optional.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const MINUTE_MS = 60_000;

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar; `month` is 1-12. */
const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);

/**
 * Parses an ISO-8601 date-time that carries `Z` or an offset (`2024-06-03T14:12:41.5+02:00`) into
 * epoch milliseconds. Returns null for anything else, including impossible dates (`02-30`) and
 * local times without an offset, which `Date.parse` would silently accept or roll over.
 *
 * @example
 * parseIsoInstant("2024-06-03T12:12:41Z"); // 1717416761000
 */
export function parseIsoInstant(text: string): number | null {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = m[8] === "Z" ? 0 : parseOffsetMinutes(m[9], m[10], m[11]);
  if (offsetMinutes === null) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  return utcMillis(year, month, day, hour, minute, second, millis) - offsetMinutes * MINUTE_MS;
}

/** `+02:00` as minutes east of UTC, or null when out of range. */
function parseOffsetMinutes(sign?: string, hours?: string, minutes?: string): number | null {
  const offsetHours = Number(hours);
  const offsetMinutes = Number(minutes);
  if (!(offsetHours <= 23 && offsetMinutes <= 59)) return null;
  return (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
}

/** `Date.UTC`, without its habit of reading years 0-99 as 1900-1999. */
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  // Shift early years by one Gregorian cycle (400 years, always 146,097 days) and back.
  const cycles = year < 100 ? 1 : 0;
  const shifted = Date.UTC(year + 400 * cycles, month - 1, day, hour, minute, second, millis);
  return shifted - cycles * GREGORIAN_CYCLE_MS;
}

/**
 * Why an epoch-milliseconds fix time is unusable, or null when it is fine. The decoder does not
 * judge the future; the server's filter stage does, with its own clock.
 */
export function describeBadFixAt(fixAt: number): string | null {
  if (!Number.isFinite(fixAt) || Math.abs(fixAt) > LATEST_REPRESENTABLE_AT)
    return "is not a representable time";
  if (fixAt < EARLIEST_FIX_AT) return `${new Date(fixAt).toISOString()} is before 2000-01-01`;
  return null;
}
