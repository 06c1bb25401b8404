import { describe, expect, it } from "vitest";
import { arrivalText, canSetStatus, confidenceText, timelineText } from "./order-format";

describe(arrivalText.name, () => {
  const window = { start: "2026-11-23T08:00:00Z", end: "2026-11-23T12:00:00Z" };

  it("prefers the live ETA on the order's clock", () => {
    expect(
      arrivalText({ eta: "2026-11-23T09:20:00Z", timeWindows: [window], timeZone: "Europe/Paris" }),
    ).toBe("ETA 10:20");
  });

  it("falls back to the promised window, then says there is none", () => {
    expect(arrivalText({ eta: null, timeWindows: [window], timeZone: "UTC" })).toBe("23 Nov, 08:00–12:00");
    expect(arrivalText({ eta: null, timeWindows: [], timeZone: "UTC" })).toBe("No window");
  });
});

describe(canSetStatus.name, () => {
  it("follows the order status machine", () => {
    expect(canSetStatus("received", "ready")).toBe(true);
    expect(canSetStatus("ready", "ready")).toBe(false);
    expect(canSetStatus("planned", "cancelled")).toBe(true);
    expect(canSetStatus("delivered", "cancelled")).toBe(false);
  });
});

describe(confidenceText.name, () => {
  it("puts the confidence in three words", () => {
    expect(confidenceText(0.9)).toBe("high confidence");
    expect(confidenceText(0.6)).toBe("medium confidence");
    expect(confidenceText(0.2)).toBe("low confidence");
  });
});

describe(timelineText.name, () => {
  it("writes a status change with its cause", () => {
    expect(timelineText({ type: "order.status_changed", from: "received", to: "ready", cause: null })).toBe(
      "Order: received → ready",
    );
    expect(
      timelineText({
        type: "stop.status_changed",
        from: "unassigned",
        to: "assigned",
        cause: "plan_applied",
      }),
    ).toBe("Stop: unassigned → assigned (plan applied)");
  });

  it("names other events by their fact", () => {
    expect(timelineText({ type: "order.created", from: null, to: "received", cause: null })).toBe(
      "Order created: received",
    );
    expect(timelineText({ type: "stop.assigned", from: null, to: null, cause: null })).toBe("Stop assigned");
  });
});
