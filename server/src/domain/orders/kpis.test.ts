import { describe, expect, it } from "vitest";
import { computeKpis, type OrderFacts } from "./kpis";

const window = (day: string) => [{ start: `${day}T09:00:00.000+01:00`, end: `${day}T12:00:00.000+01:00` }];

/** Six orders, figures worked out by hand below. */
const orders: OrderFacts[] = [
  // web, received 23rd 07:00 UTC, delivered 10:00 UTC (11:00 local: on time), first attempt ok: lead 3 h
  fact("web", "2026-11-23T07:00:00Z", "2026-11-23T10:00:00Z", window("2026-11-23"), "succeeded", null),
  // web, delivered 12:30 UTC = 13:30 local: late; lead 5.5 h; returned damaged
  fact("web", "2026-11-23T07:00:00Z", "2026-11-23T12:30:00Z", window("2026-11-23"), "succeeded", "damaged"),
  // marketplace, first attempt failed, delivered next day 08:00 UTC (09:00 local, on time): lead 25 h
  fact("marketplace", "2026-11-23T07:00:00Z", "2026-11-24T08:00:00Z", window("2026-11-24"), "failed", null),
  // marketplace, no window promised, delivered after 1 h; returned: no longer needed (accurate)
  fact("marketplace", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", [], "succeeded", "no_longer_needed"),
  // phone: failed and never delivered
  fact("phone", "2026-11-24T09:00:00Z", null, window("2026-11-24"), "failed", null),
  // phone: cancelled before any attempt
  { ...fact("phone", "2026-11-24T23:30:00Z", null, [], null, null), cancelled: true },
];

function fact(
  channel: string,
  receivedAt: string,
  deliveredAt: string | null,
  timeWindows: OrderFacts["timeWindows"],
  firstAttempt: OrderFacts["firstAttempt"],
  returnReason: OrderFacts["returnReason"],
): OrderFacts {
  return {
    channel,
    timeZone: "Europe/Monaco",
    receivedAt: new Date(receivedAt),
    deliveredAt: deliveredAt ? new Date(deliveredAt) : null,
    timeWindows,
    firstAttempt,
    returnReason,
    cancelled: false,
  };
}

describe("computeKpis", () => {
  const report = computeKpis(orders);

  it("computes the overall figures worked out by hand", () => {
    expect(report.overall).toEqual({
      orders: 6,
      delivered: 4,
      cancelled: 1,
      // lead times 1, 3, 5.5, 25 h: mean 34.5 / 4; p90 = nearest rank ceil(0.9 * 4) = 4th = 25
      leadTimeHours: { mean: 8.625, p90: 25 },
      // promised and delivered: orders 1, 2, 3; on time: 1 and 3
      onTimeRate: 2 / 3,
      // attempted: 5 orders; first attempt succeeded: 3
      firstAttemptSuccessRate: 3 / 5,
      // 4 delivered, 1 returned damaged
      orderAccuracy: 3 / 4,
      // 2 of 4 delivered came back
      returnRate: 2 / 4,
    });
  });

  it("splits by channel", () => {
    expect(Object.keys(report.byChannel)).toEqual(["marketplace", "phone", "web"]);
    expect(report.byChannel.web).toMatchObject({
      orders: 2,
      onTimeRate: 0.5,
      orderAccuracy: 0.5,
      leadTimeHours: { mean: 4.25 },
    });
    expect(report.byChannel.phone).toMatchObject({
      orders: 2,
      delivered: 0,
      onTimeRate: null,
      firstAttemptSuccessRate: 0,
      leadTimeHours: { mean: null, p90: null },
    });
  });

  it("splits by the local day the order was received (23:30 UTC is the next day in Monaco)", () => {
    expect(Object.keys(report.byDay)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(report.byDay["2026-11-23"]).toMatchObject({
      orders: 3,
      delivered: 3,
      firstAttemptSuccessRate: 2 / 3,
    });
    expect(report.byDay["2026-11-25"]).toMatchObject({ orders: 1, cancelled: 1 });
  });
});
