import type { ContingencyPolicyDto, ProposalDto } from "@waybill/shared";

/** Whether a proposal may be applied without a dispatcher, and why (or why not), in plain words. */
export interface AutoApplyVerdict {
  readonly apply: boolean;
  readonly why: string;
}

/**
 * Applies a triggered proposal automatically only when the organisation allows it and it is
 * modest and harmless: no more moved stops, extra distance and extra time than the policy says,
 * no customer postponed, and at least as many windows kept as before.
 *
 * @example
 * autoApplyVerdict({ autoApply: true, maxMovedStops: 5, ... }, proposal);
 * // { apply: false, why: "moves 7 stops; the policy allows 5" }
 */
export function autoApplyVerdict(
  policy: Pick<
    ContingencyPolicyDto,
    "autoApply" | "maxMovedStops" | "maxExtraDistanceM" | "maxExtraDurationS"
  >,
  proposal: Pick<ProposalDto, "status" | "summary" | "trigger">,
): AutoApplyVerdict {
  if (!policy.autoApply) return { apply: false, why: "the organisation reviews every proposal" };
  if (proposal.trigger.kind === "vehicle_offline")
    return { apply: false, why: "a silent vehicle may only be in a tunnel: a dispatcher decides" };
  const { summary } = proposal;
  if (proposal.status !== "proposed" || !summary)
    return { apply: false, why: `the proposal is ${proposal.status}` };
  const extraDistanceM = summary.distanceAfterM - summary.distanceBeforeM;
  const extraDurationS = summary.durationAfterS - summary.durationBeforeS;
  const refusals = [
    summary.moved > policy.maxMovedStops &&
      `moves ${summary.moved} stops; the policy allows ${policy.maxMovedStops}`,
    summary.postponed > 0 && `postpones ${summary.postponed} stop(s), which a dispatcher must decide`,
    summary.windowsKeptAfter < summary.windowsKeptBefore &&
      `keeps ${summary.windowsKeptAfter} windows where ${summary.windowsKeptBefore} were kept`,
    extraDistanceM > policy.maxExtraDistanceM &&
      `adds ${Math.round(extraDistanceM / 100) / 10} km; the policy allows ${policy.maxExtraDistanceM / 1000} km`,
    extraDurationS > policy.maxExtraDurationS &&
      `adds ${Math.round(extraDurationS / 60)} min; the policy allows ${Math.round(policy.maxExtraDurationS / 60)} min`,
  ].filter((reason): reason is string => typeof reason === "string");
  if (refusals.length) return { apply: false, why: refusals.join("; ") };
  return { apply: true, why: "within the organisation's limits for automatic re-routing" };
}
