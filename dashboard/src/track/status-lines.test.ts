import { describe, expect, it } from "vitest";
import { statusLines } from "./status-lines";
import { resolveZone, type TimeContext } from "./zoned-time";

/** Sunday 22 November 2026, 20:00 in Monaco. */
const ctx: TimeContext = {
  zone: resolveZone("Europe/Monaco"),
  locale: "en-GB",
  nowMs: Date.parse("2026-11-22T19:00:00Z"),
};
const tomorrow = { start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" };
const friday = { start: "2026-11-27T14:00:00.000+01:00", end: "2026-11-27T16:00:00.000+01:00" };
const base = { milestone: "pre_transit", eta: null, deliveredAt: null, timeWindows: [tomorrow] } as const;

describe(statusLines.name, () => {
  it("promises the window while no ETA is known", () => {
    expect(statusLines(base, ctx)).toEqual({
      when: "Expected tomorrow, 9:00\u00a0–\u00a012:00",
      windows: [],
    });
  });

  it("promises the next window that has not ended, and lists all of them", () => {
    const later = { ...ctx, nowMs: Date.parse("2026-11-23T12:00:00Z") };
    expect(statusLines({ ...base, timeWindows: [tomorrow, friday] }, later)).toEqual({
      when: "Expected on Fri 27 Nov, 14:00\u00a0–\u00a016:00",
      windows: ["Today, 9:00\u00a0–\u00a012:00", "Fri 27 Nov, 14:00\u00a0–\u00a016:00"],
    });
  });

  it("gives the live ETA in the customer's zone, with the window beneath", () => {
    expect(statusLines({ ...base, milestone: "arriving", eta: "2026-11-23T09:40:00Z" }, ctx)).toEqual({
      when: "Arriving tomorrow around 10:40",
      windows: ["Tomorrow, 9:00\u00a0–\u00a012:00"],
    });
  });

  it("says when it was delivered, also once it goes back to the sender", () => {
    const delivered = { ...base, milestone: "delivered", deliveredAt: "2026-11-22T18:52:00Z" } as const;
    expect(statusLines(delivered, ctx).when).toBe("Today at 19:52");
    expect(statusLines({ ...delivered, milestone: "return_to_sender" }, ctx).when).toBe(
      "Delivered today at 19:52",
    );
  });

  it("promises nothing for a failed or cancelled delivery", () => {
    for (const milestone of ["delivery_failed", "cancelled", "return_to_sender"] as const)
      expect(statusLines({ ...base, milestone, eta: "2026-11-23T09:40:00Z" }, ctx)).toEqual({
        when: null,
        windows: [],
      });
  });

  it("keeps the ETA of a delayed delivery", () => {
    expect(statusLines({ ...base, milestone: "exception", eta: "2026-11-23T13:15:00Z" }, ctx).when).toBe(
      "Arriving tomorrow around 14:15",
    );
  });

  it("has no large line for an order without windows or ETA", () => {
    expect(statusLines({ ...base, timeWindows: [] }, ctx)).toEqual({ when: null, windows: [] });
  });
});
