import type { TimeWindow } from "@waybill/shared";

/** Thresholds of ETA notifications, from configuration. */
export interface EtaRuleSettings {
  /** A new ETA is news when it moved more than this from the last one told, minutes. */
  readonly thresholdMinutes: number;
  /** At most one ETA notification per order in this long, minutes. */
  readonly minIntervalMinutes: number;
}

/** What the customer was last told about the arrival time (epoch milliseconds). */
export interface EtaHistory {
  /** The last arrival time told in any message, or null. */
  readonly toldEtaAt: number | null;
  /** When the last ETA notification was decided, or null. */
  readonly lastEtaNoticeAt: number | null;
}

const MINUTE_MS = 60_000;

/**
 * Whether a new ETA is worth telling the customer: never within the flood interval of the last
 * ETA notification; otherwise when it moved more than the threshold from the last ETA told, or
 * left the promised window (inside before, or never told, and outside now). Without a window and
 * without a told ETA, the first ETA is news.
 *
 * @param etaAt the new ETA, epoch ms
 * @param nowAt when the decision is made, epoch ms
 * @example
 * shouldTellEta(Date.parse("2026-11-23T10:40Z"), window, { toldEtaAt: Date.parse("2026-11-23T10:00Z"), lastEtaNoticeAt: null }, { thresholdMinutes: 15, minIntervalMinutes: 30 }, now); // true
 */
export function shouldTellEta(
  etaAt: number,
  window: TimeWindow | null,
  history: EtaHistory,
  settings: EtaRuleSettings,
  nowAt: number,
): boolean {
  if (
    history.lastEtaNoticeAt !== null &&
    nowAt - history.lastEtaNoticeAt < settings.minIntervalMinutes * MINUTE_MS
  )
    return false;
  const told = history.toldEtaAt;
  if (told === null) return window === null || !isInside(etaAt, window);
  if (Math.abs(etaAt - told) > settings.thresholdMinutes * MINUTE_MS) return true;
  return window !== null && isInside(told, window) && !isInside(etaAt, window);
}

const isInside = (at: number, window: TimeWindow): boolean =>
  at >= Date.parse(window.start) && at <= Date.parse(window.end);
