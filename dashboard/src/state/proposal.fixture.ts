import type { ProposalDto } from "@waybill/shared";

/**
 * A proposal for unit tests: van B broke down, its stop moves to van A.
 *
 * @example
 * proposal("p1", "2026-11-23T08:00:00Z", { status: "approved" });
 */
export function proposal(id: string, createdAt: string, changes: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id,
    status: "proposed",
    trigger: { kind: "breakdown", vehicleId: "veh_B", detail: "breakdown reported by the driver" },
    why: "a vehicle is out of service: its stops must move",
    changes: [
      {
        stopId: "stp_1",
        orderId: "ord_1",
        fromVehicleId: "veh_B",
        toVehicleId: "veh_A",
        fromSequence: 0,
        toSequence: 2,
        etaBefore: "2026-11-23T09:00:00Z",
        etaAfter: "2026-11-23T09:40:00Z",
        windowBefore: "kept",
        windowAfter: "missed",
        reason: "moved off a vehicle out of service",
      },
    ],
    summary: {
      moved: 1,
      resequenced: 0,
      postponed: 0,
      windowsKeptBefore: 3,
      windowsKeptAfter: 2,
      durationBeforeS: 3_600,
      durationAfterS: 4_320,
      distanceBeforeM: 20_000,
      distanceAfterM: 24_250,
    },
    routes: [{ vehicleId: "veh_A", stopIds: ["stp_0", "stp_1"] }],
    error: null,
    createdAt,
    decidedAt: null,
    decidedBy: null,
    ...changes,
  };
}
