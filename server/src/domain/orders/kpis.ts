import type { KpiFigures, KpiReport, ReturnReason, TimeWindow } from "@waybill/shared";
import { DateTime } from "luxon";
import { insideWindows } from "./time-windows";

/** What the KPIs need of one order. */
export interface OrderFacts {
  readonly channel: string;
  readonly timeZone: string;
  readonly receivedAt: Date;
  /** When it was delivered (kept after a later return), null if never. */
  readonly deliveredAt: Date | null;
  readonly timeWindows: readonly TimeWindow[];
  /** Outcome of the first delivery attempt that ended, null before any. */
  readonly firstAttempt: "succeeded" | "failed" | null;
  /** Set once the customer asked to return it. */
  readonly returnReason: ReturnReason | null;
  readonly cancelled: boolean;
}

export type { KpiFigures, KpiReport };

const INACCURATE: ReadonlySet<ReturnReason> = new Set(["wrong_item", "damaged"]);
const HOUR_MS = 3_600_000;

/** Computes the order KPIs of the issue: lead time, on-time, first attempt, accuracy, returns. */
export function computeKpis(orders: readonly OrderFacts[]): KpiReport {
  const byChannel = groupBy(orders, (order) => order.channel);
  const byDay = groupBy(
    orders,
    (order) => DateTime.fromJSDate(order.receivedAt, { zone: order.timeZone }).toISODate() ?? "unknown",
  );
  return {
    overall: figures(orders),
    byChannel: mapValues(byChannel, figures),
    byDay: mapValues(byDay, figures),
  };
}

function figures(orders: readonly OrderFacts[]): KpiFigures {
  const delivered = orders.filter((order) => order.deliveredAt !== null);
  const leadTimes = delivered
    .map((order) => ((order.deliveredAt as Date).getTime() - order.receivedAt.getTime()) / HOUR_MS)
    .sort((a, b) => a - b);
  const promised = delivered.filter((order) => order.timeWindows.length > 0);
  const attempted = orders.filter((order) => order.firstAttempt !== null);
  const returned = delivered.filter((order) => order.returnReason !== null);
  const inaccurate = returned.filter((order) => INACCURATE.has(order.returnReason as ReturnReason));
  return {
    orders: orders.length,
    delivered: delivered.length,
    cancelled: orders.filter((order) => order.cancelled).length,
    leadTimeHours: {
      mean: leadTimes.length ? leadTimes.reduce((sum, hours) => sum + hours, 0) / leadTimes.length : null,
      p90: leadTimes.length ? (leadTimes[Math.ceil(0.9 * leadTimes.length) - 1] ?? null) : null,
    },
    onTimeRate: ratio(
      promised.filter((order) => insideWindows(order.deliveredAt as Date, order.timeWindows)).length,
      promised.length,
    ),
    firstAttemptSuccessRate: ratio(
      attempted.filter((order) => order.firstAttempt === "succeeded").length,
      attempted.length,
    ),
    orderAccuracy: ratio(delivered.length - inaccurate.length, delivered.length),
    returnRate: ratio(returned.length, delivered.length),
  };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function mapValues<T, U>(groups: Map<string, T[]>, f: (items: T[]) => U): Record<string, U> {
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, f(v)]));
}
