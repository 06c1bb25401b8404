import { describe, expect, it } from "vitest";
import { checkDeparture } from "./late-departure";

const PLANNED = Date.parse("2026-11-23T08:00:00Z");
const at = (minutes: number) => PLANNED + minutes * 60_000;

describe(checkDeparture.name, () => {
  it("is not due before the planned departure plus the grace", () => {
    expect(checkDeparture({ plannedAt: PLANNED, departed: false }, at(-30), 900)).toEqual({
      kind: "not_due",
    });
    expect(checkDeparture({ plannedAt: PLANNED, departed: false }, at(14), 900)).toEqual({ kind: "not_due" });
  });

  it("is late from the grace on, by the time since the planned departure", () => {
    expect(checkDeparture({ plannedAt: PLANNED, departed: false }, at(15), 900)).toEqual({
      kind: "late",
      lateS: 900,
    });
    expect(checkDeparture({ plannedAt: PLANNED, departed: false }, at(42), 900)).toEqual({
      kind: "late",
      lateS: 2520,
    });
  });

  it("is departed once the vehicle left, however late", () => {
    expect(checkDeparture({ plannedAt: PLANNED, departed: true }, at(60), 900)).toEqual({ kind: "departed" });
  });

  it("no longer judges a departure planned beyond the horizon (yesterday's plan)", () => {
    expect(checkDeparture({ plannedAt: PLANNED, departed: false }, at(13 * 60), 900)).toEqual({
      kind: "not_due",
    });
  });
});
