import type { TimeWindow, TrackingMilestone, TrackingViewDto } from "@waybill/shared";
import {
  dayInSentence,
  formatDay,
  formatTime,
  formatWindow,
  formatWindowTimes,
  type TimeContext,
} from "./zoned-time";

/** The time lines of the status card. */
export interface StatusLines {
  /** The one line in large type: when it arrives or arrived; null when nothing is promised. */
  readonly when: string | null;
  /** The promised windows, listed under it; empty when the large line already is the window. */
  readonly windows: readonly string[];
}

/** Milestones with a delivery still to come. */
const UNDER_WAY: ReadonlySet<TrackingMilestone> = new Set([
  "pre_transit",
  "in_transit",
  "out_for_delivery",
  "arriving",
  "exception",
]);

/**
 * What the status card says about time, in the customer's zone: the delivery time once
 * delivered; while under way the live ETA when there is one ("Arriving today around 10:40"), else
 * the next promised window. Failed, returned and cancelled deliveries promise nothing.
 *
 * @example
 * statusLines({ milestone: "arriving", eta: "2026-11-23T09:40:00Z", deliveredAt: null, timeWindows }, ctx);
 * // { when: "Arriving tomorrow around 10:40", windows: ["Tomorrow, 9:00 – 12:00"] } (no-break spaces around the dash)
 */
export function statusLines(
  view: Pick<TrackingViewDto, "milestone" | "eta" | "deliveredAt" | "timeWindows">,
  ctx: TimeContext,
): StatusLines {
  const windows = view.timeWindows.map((window) => formatWindow(window, ctx));
  if (
    view.deliveredAt !== null &&
    (view.milestone === "delivered" || view.milestone === "return_to_sender")
  ) {
    const at = Date.parse(view.deliveredAt);
    // Under the headline "Delivered" the day and time say it all; under a return, say what they are.
    const prefix =
      view.milestone === "delivered" ? formatDay(at, ctx) : `Delivered ${dayInSentence(at, ctx)}`;
    return { when: `${prefix} at ${formatTime(at, ctx)}`, windows };
  }
  if (!UNDER_WAY.has(view.milestone)) return { when: null, windows: [] };
  if (view.eta !== null) {
    const at = Date.parse(view.eta);
    return { when: `Arriving ${dayInSentence(at, ctx)} around ${formatTime(at, ctx)}`, windows };
  }
  const next = nextWindow(view.timeWindows, ctx.nowMs);
  if (!next) return { when: null, windows };
  const when = `Expected ${dayInSentence(Date.parse(next.start), ctx)}, ${formatWindowTimes(next, ctx)}`;
  return { when, windows: windows.length > 1 ? windows : [] };
}

/** The first window that has not ended yet, else the last one. */
function nextWindow(windows: readonly TimeWindow[], nowMs: number): TimeWindow | undefined {
  return windows.find((window) => Date.parse(window.end) > nowMs) ?? windows.at(-1);
}
