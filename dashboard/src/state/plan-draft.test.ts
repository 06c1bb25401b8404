import { describe, expect, it } from "vitest";
import { type PlanDraft, toPlanRequest, type VehicleDraft } from "./plan-draft";

const van = (name: string, changes: Partial<VehicleDraft> = {}): VehicleDraft => ({
  vehicleId: `veh_${name}`,
  name,
  included: true,
  shiftStart: "08:00",
  shiftEnd: "17:00",
  start: { lat: 43.73, lng: 7.42 },
  ...changes,
});

const draft = (changes: Partial<PlanDraft> = {}): PlanDraft => ({
  date: "2026-11-23",
  timeZone: "UTC",
  objective: "distance",
  timeLimitSeconds: 1,
  vehicles: [van("A"), van("B", { included: false })],
  ...changes,
});

describe(toPlanRequest.name, () => {
  it("sends the included vehicles with their shift and start point", () => {
    expect(toPlanRequest(draft())).toEqual({
      body: {
        date: "2026-11-23",
        timeZone: "UTC",
        objective: "distance",
        timeLimitSeconds: 1,
        vehicles: [
          { vehicleId: "veh_A", start: { lat: 43.73, lng: 7.42 }, shift: { start: "08:00", end: "17:00" } },
        ],
      },
    });
  });

  it("asks for a start point, a forward shift and at least one vehicle", () => {
    const request = toPlanRequest(
      draft({ vehicles: [van("A", { start: null }), van("B", { shiftStart: "18:00" })] }),
    );
    expect(request).toEqual({
      problems: ["A has no position: pick its start on the map.", "B's shift must end after it starts."],
    });
    expect(toPlanRequest(draft({ vehicles: [] }))).toEqual({ problems: ["Choose at least one vehicle."] });
  });

  it("keeps the time limit within what the server accepts", () => {
    expect(toPlanRequest(draft({ timeLimitSeconds: 0 }))).toEqual({
      problems: ["The time limit must be between 0.1 and 600 seconds."],
    });
    expect(toPlanRequest(draft({ timeLimitSeconds: Number.NaN }))).toHaveProperty("problems");
  });
});
