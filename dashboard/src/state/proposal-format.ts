import type { ProposalChangeDto, ProposalDto, ProposalStatus } from "@waybill/shared";

/** A proposal's trigger as the server sends it. */
export type ProposalTrigger = ProposalDto["trigger"];

/** A stop's delivery window before or after a proposal. */
export type WindowState = ProposalChangeDto["windowAfter"];

/**
 * What started a proposal, in the words a dispatcher uses: "Van 3 broke down", "SO-1 expected 12
 * min late", "urgent order SO-9", "road closed: bridge works". Vehicle names come from `vehicleName`.
 *
 * @example
 * triggerText({ kind: "breakdown", vehicleId: "veh_3", detail: "breakdown reported by the driver" }, () => "Van 3");
 * // "Van 3 broke down"
 */
export function triggerText(trigger: ProposalTrigger, vehicleName: (vehicleId: string) => string): string {
  const vehicle = trigger.vehicleId === null ? null : vehicleName(trigger.vehicleId);
  const detail = trigger.detail?.trim() || null;
  if (detail?.match(/^\d+ triggers: /)) return detail;
  switch (trigger.kind) {
    case "breakdown": {
      const note = detail?.match(/^breakdown reported by the driver: (.+)$/)?.[1];
      const head = `${vehicle ?? "A vehicle"} broke down`;
      if (note) return `${head} (${note})`;
      return detail && !detail.startsWith("breakdown reported") ? `${head}: ${detail}` : head;
    }
    case "delay": {
      const late = detail?.match(/^(.+) expected (?:(\d+) min )?after its window$/);
      if (late) return late[2] ? `${late[1]} expected ${late[2]} min late` : `${late[1]} expected late`;
      return detail ?? `${vehicle ?? "A vehicle"} is running late`;
    }
    case "vehicle_offline":
      return `${vehicle ?? "A vehicle"} went silent${detail ? `: ${detail}` : ""}`;
    case "new_orders":
      return detail ?? "new urgent orders";
    case "order_cancelled":
      return detail ?? "an order was cancelled";
    case "road_closure":
      return detail ?? "a road closed";
    case "manual":
      return detail ? `Re-plan asked by a dispatcher: ${detail}` : "Re-plan asked by a dispatcher";
    default:
      return detail ?? trigger.kind.replaceAll("_", " ");
  }
}

const STATUS_LABELS: Readonly<Record<ProposalStatus, string>> = {
  proposed: "Awaiting decision",
  not_needed: "No change needed",
  approved: "Approved",
  rejected: "Rejected",
  superseded: "Superseded",
  failed: "Failed",
};

/**
 * A proposal's status for a person; an approval by the organisation's policy says so.
 *
 * @example
 * statusText({ status: "approved", decidedBy: "auto-apply" }); // "Applied automatically"
 */
export function statusText(proposal: Pick<ProposalDto, "status" | "decidedBy">): string {
  if (proposal.status === "approved" && proposal.decidedBy === "auto-apply") return "Applied automatically";
  return STATUS_LABELS[proposal.status] ?? proposal.status;
}

/** The figures of a proposal's summary a dispatcher reads at a glance. */
export interface SummaryFigures {
  /** Stops moved to another vehicle. */
  readonly moved: number;
  readonly resequenced: number;
  readonly postponed: number;
  /** Windows kept before → after. */
  readonly windows: string;
  /** Windows kept after minus before (negative: customers worse off). */
  readonly windowsDelta: number;
  /** Extra distance over the fleet, signed, e.g. "+4.2 km" or "−0.8 km". */
  readonly extraDistance: string;
  /** Extra driving and service time over the fleet, signed, e.g. "+12 min". */
  readonly extraTime: string;
}

/**
 * The summary as figures: stops moved, windows kept before → after, extra km, extra minutes.
 * Null when the proposal has no summary (it failed).
 *
 * @example
 * summaryFigures({ moved: 2, resequenced: 1, postponed: 0, windowsKeptBefore: 5, windowsKeptAfter: 7,
 *   durationBeforeS: 3600, durationAfterS: 4320, distanceBeforeM: 20000, distanceAfterM: 24200 });
 * // { moved: 2, ..., windows: "5 → 7", windowsDelta: 2, extraDistance: "+4.2 km", extraTime: "+12 min" }
 */
export function summaryFigures(summary: ProposalDto["summary"]): SummaryFigures | null {
  if (summary === null) return null;
  return {
    moved: summary.moved,
    resequenced: summary.resequenced,
    postponed: summary.postponed,
    windows: `${summary.windowsKeptBefore} → ${summary.windowsKeptAfter}`,
    windowsDelta: summary.windowsKeptAfter - summary.windowsKeptBefore,
    extraDistance: `${signed((summary.distanceAfterM - summary.distanceBeforeM) / 1000, 1)} km`,
    extraTime: `${signed((summary.durationAfterS - summary.durationBeforeS) / 60, 0)} min`,
  };
}

const WINDOW_LABELS: Readonly<Record<WindowState, string>> = {
  kept: "on time",
  missed: "late",
  unknown: "no window",
  postponed: "postponed",
};

/**
 * A stop's window state in words.
 *
 * @example
 * windowText("missed"); // "late"
 */
export function windowText(state: WindowState): string {
  return WINDOW_LABELS[state] ?? state;
}

/**
 * How a change reads in one line: a move between vehicles, a new place on the same route, or a
 * postponement. Null vehicle ids are "unassigned".
 *
 * @example
 * moveText(change, (id) => names[id]); // "Van 2 → Van 1"
 */
export function moveText(
  change: Pick<ProposalChangeDto, "fromVehicleId" | "toVehicleId">,
  vehicleName: (vehicleId: string) => string,
): string {
  const name = (vehicleId: string | null) => (vehicleId === null ? "unassigned" : vehicleName(vehicleId));
  if (change.fromVehicleId === change.toVehicleId) return `stays on ${name(change.toVehicleId)}`;
  return `${name(change.fromVehicleId)} → ${name(change.toVehicleId)}`;
}

/** A difference with its sign, rounded first so a tiny saving never reads "−0". */
function signed(value: number, digits: number): string {
  const magnitude = Math.abs(value).toFixed(digits);
  if (Number(magnitude) === 0) return magnitude;
  return `${value > 0 ? "+" : "−"}${magnitude}`;
}
