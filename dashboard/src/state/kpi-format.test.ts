import { describe, expect, it } from "vitest";
import type { KpiFiguresDto } from "../api/types";
import { channelsBySize, dailySeries, formatLeadTime, formatRate } from "./kpi-format";

const figures = (orders: number, onTimeRate: number | null = null): KpiFiguresDto => ({
  orders,
  delivered: 0,
  cancelled: 0,
  leadTimeHours: { mean: null, p90: null },
  onTimeRate,
  firstAttemptSuccessRate: null,
  orderAccuracy: null,
  returnRate: null,
});

describe(formatRate.name, () => {
  it("shows a percentage, or a dash when nothing was measured", () => {
    expect(formatRate(0.875)).toBe("87.5%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(null)).toBe("—");
  });
});

describe(formatLeadTime.name, () => {
  it("switches from hours to days at two days", () => {
    expect(formatLeadTime(5.25)).toBe("5.3 h");
    expect(formatLeadTime(60)).toBe("2.5 d");
    expect(formatLeadTime(null)).toBe("—");
  });
});

describe(dailySeries.name, () => {
  it("orders the days oldest first and keeps unmeasured days as null", () => {
    const series = dailySeries(
      { "2026-11-23": figures(3, 0.5), "2026-11-21": figures(1) },
      "onTimeRate",
      null,
    );
    expect(series).toEqual([
      { day: "2026-11-21", value: null },
      { day: "2026-11-23", value: 0.5 },
    ]);
  });

  it("gives every day of the range a place, across a month end", () => {
    const series = dailySeries({ "2026-12-01": figures(4) }, "orders", {
      from: "2026-11-29",
      to: "2026-12-01",
    });
    expect(series).toEqual([
      { day: "2026-11-29", value: null },
      { day: "2026-11-30", value: null },
      { day: "2026-12-01", value: 4 },
    ]);
  });
});

describe(channelsBySize.name, () => {
  it("puts the busiest channel first", () => {
    const rows = channelsBySize({ phone: figures(2), web: figures(9), api: figures(2) });
    expect(rows.map(([channel]) => channel)).toEqual(["web", "api", "phone"]);
  });
});
