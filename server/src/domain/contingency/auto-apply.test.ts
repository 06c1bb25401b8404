import type { ProposalDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { autoApplyVerdict } from "./auto-apply";

const policy = { autoApply: true, maxMovedStops: 5, maxExtraDistanceM: 10_000, maxExtraDurationS: 1_800 };
const summary: NonNullable<ProposalDto["summary"]> = {
  moved: 2,
  resequenced: 1,
  postponed: 0,
  windowsKeptBefore: 8,
  windowsKeptAfter: 10,
  durationBeforeS: 10_000,
  durationAfterS: 10_600,
  distanceBeforeM: 40_000,
  distanceAfterM: 44_000,
};
const proposal = (
  changes: Partial<typeof summary> = {},
  status: ProposalDto["status"] = "proposed",
  kind = "delay",
) => ({
  status,
  summary: { ...summary, ...changes },
  trigger: { kind, vehicleId: "veh_1", detail: null },
});

describe("autoApplyVerdict", () => {
  it("applies a modest proposal that keeps more windows", () => {
    expect(autoApplyVerdict(policy, proposal())).toEqual({
      apply: true,
      why: "within the organisation's limits for automatic re-routing",
    });
  });

  it("leaves everything for review when the organisation has not opted in", () => {
    expect(autoApplyVerdict({ ...policy, autoApply: false }, proposal()).apply).toBe(false);
  });

  it("names every limit a proposal breaks", () => {
    const verdict = autoApplyVerdict(
      policy,
      proposal({
        moved: 7,
        postponed: 1,
        windowsKeptAfter: 7,
        distanceAfterM: 52_000,
        durationAfterS: 12_400,
      }),
    );
    expect(verdict).toEqual({
      apply: false,
      why: "moves 7 stops; the policy allows 5; postpones 1 stop(s), which a dispatcher must decide; keeps 7 windows where 8 were kept; adds 12 km; the policy allows 10 km; adds 40 min; the policy allows 30 min",
    });
  });

  it("leaves a silent vehicle's stops to a dispatcher", () => {
    expect(autoApplyVerdict(policy, proposal({}, "proposed", "vehicle_offline")).apply).toBe(false);
  });

  it("applies nothing that is not a live proposal", () => {
    expect(autoApplyVerdict(policy, proposal({}, "not_needed"))).toEqual({
      apply: false,
      why: "the proposal is not_needed",
    });
  });
});
