import { z } from "zod";

/** Body of `POST /api/v1/proposals`: a dispatcher asks for a recovery (triggers also come from tracking and drivers). */
export const CreateProposalBody = z.strictObject({
  /** What happened: a vehicle broke down or went silent (its stops move), or re-optimise the day as it stands. */
  trigger: z
    .enum([
      "breakdown",
      "delay",
      "road_closure",
      "new_orders",
      "order_cancelled",
      "vehicle_offline",
      "manual",
    ])
    .default("manual"),
  /** The vehicle concerned (required for a breakdown). */
  vehicleId: z.string().min(1).max(64).optional(),
  detail: z.string().trim().max(500).optional(),
  timeLimitSeconds: z.number().min(0.1).max(60).default(3),
});
export type CreateProposalBody = z.input<typeof CreateProposalBody>;

/**
 * Body of `POST /api/v1/proposals/{id}/approve` (optional): the dispatcher's edit. Each listed
 * stop keeps its current vehicle and place; the rest of the proposal is carried out.
 */
export const ApproveProposalBody = z.strictObject({
  keepStopIds: z.array(z.string().min(1).max(64)).max(2000).default([]),
});
export type ApproveProposalBody = z.input<typeof ApproveProposalBody>;

export const PROPOSAL_STATUSES = [
  "proposed",
  "not_needed",
  "approved",
  "rejected",
  "superseded",
  "failed",
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One stop the proposal touches: where it was, where it goes, its ETA and window before and after. */
export interface ProposalChangeDto {
  readonly stopId: string;
  readonly orderId: string;
  readonly fromVehicleId: string | null;
  readonly toVehicleId: string | null;
  readonly fromSequence: number | null;
  readonly toSequence: number | null;
  readonly etaBefore: string | null;
  readonly etaAfter: string | null;
  readonly windowBefore: "kept" | "missed" | "unknown" | "postponed";
  readonly windowAfter: "kept" | "missed" | "unknown" | "postponed";
  readonly reason: string | null;
}

/** A contingency proposal: the difference to the current plan and what it costs. */
export interface ProposalDto {
  readonly id: string;
  readonly status: ProposalStatus;
  readonly trigger: {
    readonly kind: string;
    readonly vehicleId: string | null;
    readonly detail: string | null;
  };
  /** Why it is (or is not) worth changing the routes, in plain words. */
  readonly why: string;
  readonly changes: readonly ProposalChangeDto[];
  readonly summary: {
    readonly moved: number;
    readonly resequenced: number;
    readonly postponed: number;
    readonly windowsKeptBefore: number;
    readonly windowsKeptAfter: number;
    readonly durationBeforeS: number;
    readonly durationAfterS: number;
    readonly distanceBeforeM: number;
    readonly distanceAfterM: number;
  } | null;
  readonly routes: readonly { readonly vehicleId: string; readonly stopIds: readonly string[] }[];
  readonly error: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  /** Who decided: a user's or key's id, or `auto-apply` when the organisation's policy applied it. */
  readonly decidedBy: string | null;
}

/**
 * An organisation's policy for proposals raised by triggers (delays, breakdowns, urgent orders):
 * applied without a dispatcher when every limit holds and no customer is worse off, otherwise
 * left for review. Body of `PUT /api/v1/contingency-policy`, and what `GET` returns.
 */
export const ContingencyPolicyBody = z.strictObject({
  /** Apply qualifying proposals automatically; off: every proposal waits for a dispatcher. */
  autoApply: z.boolean(),
  /** Most stops a proposal may move to another vehicle. */
  maxMovedStops: z.number().int().min(0).max(500).default(5),
  /** Most extra distance over the fleet, metres. */
  maxExtraDistanceM: z.number().int().min(0).max(1_000_000).default(10_000),
  /** Most extra driving and service time over the fleet, seconds. */
  maxExtraDurationS: z.number().int().min(0).max(86_400).default(3_600),
});
export type ContingencyPolicyBody = z.input<typeof ContingencyPolicyBody>;
export type ContingencyPolicyDto = z.output<typeof ContingencyPolicyBody> & {
  readonly updatedAt: string | null;
};
