import type { TimeWindow } from "@waybill/shared";

/**
 * A time zone Intl can format in. The server names zones as luxon does: an IANA name
 * (`Europe/Monaco`) or a fixed offset (`UTC+1`, `UTC-5:30`). Intl in Node 20 and older browsers
 * rejects offset zones, so a fixed offset is applied by shifting the instant and formatting in UTC.
 */
export interface Zone {
  /** The name the order carries. */
  readonly name: string;
  /** The zone handed to `Intl.DateTimeFormat`. */
  readonly intlName: string;
  /** Added to an instant before formatting; non-zero for fixed offsets only. */
  readonly shiftMs: number;
}

/** What every formatter needs: the customer's zone, the page's locale and the current instant. */
export interface TimeContext {
  readonly zone: Zone;
  readonly locale: string;
  readonly nowMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const FIXED_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const LONG_OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/**
 * The zone of an order, as {@link Zone}. An unknown name falls back to the device's own zone:
 * the page still shows times, and the windows' ISO offsets keep the instants right.
 *
 * @example
 * resolveZone("UTC+1"); // { name: "UTC+1", intlName: "UTC", shiftMs: 3_600_000 }
 */
export function resolveZone(name: string): Zone {
  const fixed = FIXED_OFFSET.exec(name);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return { name, intlName: "UTC", shiftMs: (fixed[1] === "-" ? -minutes : minutes) * MINUTE_MS };
  }
  return { name, intlName: isKnownZone(name) ? name : deviceZone(), shiftMs: 0 };
}

/** The device's own IANA zone. */
export function deviceZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The locale for dates and times: the first English one the browser prefers (the page's words
 * are English), else British English.
 *
 * @example
 * pageLocale(["de-DE", "en-US"]); // "en-US"
 */
export function pageLocale(preferred: readonly string[]): string {
  return preferred.find((tag) => /^en\b/i.test(tag)) ?? "en-GB";
}

/** Time of day in the zone: "9:05" (en-GB), "9:05 AM" (en-US). */
export function formatTime(atMs: number, ctx: TimeContext): string {
  return format(atMs, ctx, { hour: "numeric", minute: "2-digit" });
}

/** The calendar day in the zone, relative when close: "Today", "Tomorrow", "Yesterday", "Mon 23 Nov". */
export function formatDay(atMs: number, ctx: TimeContext): string {
  const days = daysFromNow(atMs, ctx);
  if (days === 0) return "Today";
  if (days === 1) return "Tomorrow";
  if (days === -1) return "Yesterday";
  return format(atMs, ctx, { weekday: "short", day: "numeric", month: "short" });
}

/**
 * The day as it reads inside a sentence: "today", "tomorrow", "yesterday", "on Mon 23 Nov".
 *
 * @example
 * `Arriving ${dayInSentence(eta, ctx)} around ${formatTime(eta, ctx)}`; // "Arriving today around 10:40"
 */
export function dayInSentence(atMs: number, ctx: TimeContext): string {
  const day = formatDay(atMs, ctx);
  return ["Today", "Tomorrow", "Yesterday"].includes(day) ? day.toLowerCase() : `on ${day}`;
}

/** Day and time in the zone: "Today, 9:05". */
export function formatMoment(atMs: number, ctx: TimeContext): string {
  return `${formatDay(atMs, ctx)}, ${formatTime(atMs, ctx)}`;
}

/**
 * A delivery window in the zone: "Tomorrow, 9:00 – 12:00", or both days when it spans midnight.
 *
 * @example
 * formatWindow({ start: "2026-11-23T09:00:00+01:00", end: "2026-11-23T12:00:00+01:00" }, ctx);
 */
export function formatWindow(window: TimeWindow, ctx: TimeContext): string {
  return `${formatDay(Date.parse(window.start), ctx)}, ${formatWindowTimes(window, ctx)}`;
}

/**
 * A window's times without its first day: "9:00 – 12:00", or "22:00 – Tue 24 Nov, 2:00" across
 * midnight. No-break spaces around the dash keep a range on one line.
 */
export function formatWindowTimes(window: TimeWindow, ctx: TimeContext): string {
  const startMs = Date.parse(window.start);
  const endMs = Date.parse(window.end);
  const sameDay = daysFromNow(startMs, ctx) === daysFromNow(endMs, ctx);
  return `${formatTime(startMs, ctx)}\u00a0–\u00a0${sameDay ? formatTime(endMs, ctx) : formatMoment(endMs, ctx)}`;
}

/**
 * How long ago, coarsely: "just now", "1 min ago", "12 min ago", "2 h ago".
 *
 * @example
 * formatAgo(Date.now() - 150_000, Date.now()); // "2 min ago"
 */
export function formatAgo(thenMs: number, nowMs: number): string {
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / MINUTE_MS);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/**
 * The customer's zone as a short offset ("GMT+1") when it differs from the viewer's at that
 * instant, so a reader abroad knows whose clock the times are on; null when they agree.
 *
 * @example
 * zoneNoteFor(Date.parse("2026-11-23T09:00:00Z"), resolveZone("Europe/Monaco"), "America/New_York"); // "GMT+1"
 */
export function zoneNoteFor(atMs: number, zone: Zone, viewerZone: string): string | null {
  const customer = offsetMinutes(atMs, zone);
  if (customer === offsetMinutes(atMs, { name: viewerZone, intlName: viewerZone, shiftMs: 0 })) return null;
  const hours = Math.trunc(Math.abs(customer) / 60);
  const minutes = Math.abs(customer) % 60;
  const sign = customer < 0 ? "-" : "+";
  return customer === 0
    ? "GMT"
    : `GMT${sign}${hours}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
}

function format(atMs: number, ctx: TimeContext, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(ctx.locale, { ...options, timeZone: ctx.zone.intlName }).format(
    atMs + ctx.zone.shiftMs,
  );
}

/** Calendar days between now and `atMs`, both read in the zone. */
function daysFromNow(atMs: number, ctx: TimeContext): number {
  return calendarDay(atMs, ctx.zone) - calendarDay(ctx.nowMs, ctx.zone);
}

function calendarDay(atMs: number, zone: Zone): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone.intlName,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(atMs + zone.shiftMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day")) / DAY_MS;
}

/** The zone's offset from UTC at the instant, minutes east. */
function offsetMinutes(atMs: number, zone: Zone): number {
  if (zone.shiftMs !== 0) return zone.shiftMs / MINUTE_MS;
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone.intlName, timeZoneName: "longOffset" })
    .formatToParts(atMs)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = LONG_OFFSET.exec(name ?? "");
  if (!match?.[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    // RangeError: Intl does not know the zone; the caller falls back to the device's.
    return false;
  }
}
