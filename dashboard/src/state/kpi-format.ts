import type { KpiFiguresDto } from "../api/types";

/** A KPI the console can chart per day. */
export type DailyMetric = "orders" | "onTimeRate";

/** One bar of a per-day chart: the date and its value (null: nothing to measure that day). */
export interface DailyValue {
  readonly day: string;
  readonly value: number | null;
}

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const hours = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/**
 * A rate in [0, 1] as a percentage; an em dash when there was nothing to measure.
 *
 * @example
 * formatRate(0.875); // "87.5%"
 * formatRate(null); // "—"
 */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : percent.format(rate);
}

/**
 * Hours with one decimal and a unit; days from 48 h on, which reads better for long lead times.
 *
 * @example
 * formatLeadTime(5.25); // "5.3 h"
 * formatLeadTime(60); // "2.5 d"
 */
export function formatLeadTime(valueHours: number | null): string {
  if (valueHours === null) return "—";
  return valueHours >= 48 ? `${hours.format(valueHours / 24)} d` : `${hours.format(valueHours)} h`;
}

/** First and last day (YYYY-MM-DD, inclusive) a chart covers. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;

/**
 * The per-day values of one metric, oldest day first, with every day of `range` present (null
 * where nothing was received), so the bars keep their place on the time axis.
 *
 * @example
 * dailySeries({ "2026-11-23": figures }, "orders", { from: "2026-11-22", to: "2026-11-23" });
 * // [{ day: "2026-11-22", value: null }, { day: "2026-11-23", value: figures.orders }]
 */
export function dailySeries(
  byDay: Readonly<Record<string, KpiFiguresDto>>,
  metric: DailyMetric,
  range: DayRange | null,
): DailyValue[] {
  const days = new Set(Object.keys(byDay));
  if (range !== null) {
    const last = Date.parse(`${range.to}T00:00:00Z`);
    for (let at = Date.parse(`${range.from}T00:00:00Z`); at <= last; at += DAY_MS)
      days.add(new Date(at).toISOString().slice(0, 10));
  }
  return [...days].sort().map((day) => ({ day, value: byDay[day]?.[metric] ?? null }));
}

/** Channels by order count, biggest first, then by name. */
export function channelsBySize(
  byChannel: Readonly<Record<string, KpiFiguresDto>>,
): [string, KpiFiguresDto][] {
  return Object.entries(byChannel).sort(([a, x], [b, y]) => y.orders - x.orders || a.localeCompare(b));
}
