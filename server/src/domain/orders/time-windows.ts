import type { FieldIssue, TimeWindow } from "@waybill/shared";
import { DateTime, FixedOffsetZone, Info, type Zone } from "luxon";

/** Windows read in the customer's zone, or the field issues that make them unusable. */
export type WindowsResult =
  | { readonly ok: true; readonly timeZone: string; readonly windows: TimeWindow[] }
  | { readonly ok: false; readonly issues: FieldIssue[] };

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Reads delivery windows in the customer's time zone (luxon). A time with an offset is absolute;
 * one without is local to `timeZone`. Without a time zone, the first window's offset stands for
 * it (a fixed offset), else UTC. Windows come back sorted, as ISO-8601 in that zone, and must
 * not be empty or overlap.
 *
 * @example
 * normaliseWindows([{ start: "2026-11-23T09:00", end: "2026-11-23T12:00" }], "Europe/Monaco", "timeWindows")
 * // { ok: true, timeZone: "Europe/Monaco", windows: [{ start: "2026-11-23T09:00:00.000+01:00", ... }] }
 */
export function normaliseWindows(
  windows: readonly TimeWindow[],
  timeZone: string | undefined,
  field: string,
): WindowsResult {
  const issues: FieldIssue[] = [];
  const zone = zoneOf(windows, timeZone);
  if (!zone)
    return { ok: false, issues: [{ field: "timeZone", reason: `unknown IANA time zone ${timeZone}` }] };
  const read = windows.map((window, index) => {
    const start = DateTime.fromISO(window.start, { zone, setZone: HAS_OFFSET.test(window.start) }).setZone(
      zone,
    );
    const end = DateTime.fromISO(window.end, { zone, setZone: HAS_OFFSET.test(window.end) }).setZone(zone);
    if (!start.isValid)
      issues.push({ field: `${field}.${index}.start`, reason: start.invalidExplanation ?? "invalid" });
    if (!end.isValid)
      issues.push({ field: `${field}.${index}.end`, reason: end.invalidExplanation ?? "invalid" });
    if (start.isValid && end.isValid && end <= start)
      issues.push({ field: `${field}.${index}.end`, reason: "must be after start" });
    return { start, end };
  });
  if (issues.length) return { ok: false, issues };
  read.sort((a, b) => a.start.toMillis() - b.start.toMillis());
  for (let i = 1; i < read.length; i++) {
    const previous = read[i - 1];
    const current = read[i];
    if (previous && current && current.start < previous.end)
      issues.push({ field: `${field}.${i}`, reason: "windows must not overlap" });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    timeZone: zone.name,
    windows: read.map(({ start, end }) => ({ start: start.toISO() ?? "", end: end.toISO() ?? "" })),
  };
}

/** The zone to read windows in: an IANA name or a fixed offset (UTC+1) as luxon names them. */
function zoneOf(windows: readonly TimeWindow[], timeZone: string | undefined): Zone | null {
  if (timeZone) {
    const zone = Info.normalizeZone(timeZone);
    return zone.isValid ? zone : null;
  }
  const first = windows[0]?.start;
  if (first && HAS_OFFSET.test(first)) {
    const parsed = DateTime.fromISO(first, { setZone: true });
    if (parsed.isValid) return FixedOffsetZone.instance(parsed.offset);
  }
  return FixedOffsetZone.utcInstance;
}

/** True when `at` falls inside one of the windows (bounds included). */
export function insideWindows(at: Date, windows: readonly TimeWindow[]): boolean {
  const t = at.getTime();
  return windows.some((window) => Date.parse(window.start) <= t && t <= Date.parse(window.end));
}
