import { describe, expect, it } from "vitest";
import { proposal } from "./proposal.fixture";
import { moveText, statusText, summaryFigures, triggerText, windowText } from "./proposal-format";

const names: Record<string, string> = { veh_A: "Van 1", veh_B: "Van 3" };
const vehicleName = (id: string) => names[id] ?? id;

describe(triggerText.name, () => {
  it.each([
    [
      { kind: "breakdown", vehicleId: "veh_B", detail: "breakdown reported by the driver" },
      "Van 3 broke down",
    ],
    [
      { kind: "breakdown", vehicleId: "veh_B", detail: "breakdown reported by the driver: engine" },
      "Van 3 broke down (engine)",
    ],
    [{ kind: "breakdown", vehicleId: "veh_B", detail: null }, "Van 3 broke down"],
    [
      { kind: "delay", vehicleId: "veh_A", detail: "SO-1 expected 12 min after its window" },
      "SO-1 expected 12 min late",
    ],
    [{ kind: "delay", vehicleId: "veh_A", detail: "SO-1 expected after its window" }, "SO-1 expected late"],
    [{ kind: "new_orders", vehicleId: null, detail: "urgent order SO-9" }, "urgent order SO-9"],
    [
      { kind: "road_closure", vehicleId: null, detail: "road closed: bridge works" },
      "road closed: bridge works",
    ],
    [{ kind: "vehicle_offline", vehicleId: "veh_A", detail: null }, "Van 1 went silent"],
    [{ kind: "manual", vehicleId: null, detail: null }, "Re-plan asked by a dispatcher"],
    [{ kind: "delay", vehicleId: null, detail: "3 triggers: a; b; c" }, "3 triggers: a; b; c"],
    [{ kind: "something_new", vehicleId: null, detail: null }, "something new"],
  ])("words %j as %s", (trigger, text) => {
    expect(triggerText(trigger, vehicleName)).toBe(text);
  });
});

describe(summaryFigures.name, () => {
  it("gives moved stops, windows kept before → after, extra km and minutes", () => {
    expect(summaryFigures(proposal("a", "2026-11-23T08:00:00Z").summary)).toEqual({
      moved: 1,
      resequenced: 0,
      postponed: 0,
      windows: "3 → 2",
      windowsDelta: -1,
      extraDistance: "+4.3 km",
      extraTime: "+12 min",
    });
  });

  it("signs savings with a minus and has nothing for a failed proposal", () => {
    const figures = summaryFigures({
      ...proposal("a", "2026-11-23T08:00:00Z").summary!,
      distanceAfterM: 19_000,
      durationAfterS: 3_600,
    });
    expect(figures?.extraDistance).toBe("−1.0 km");
    expect(figures?.extraTime).toBe("0 min");
    expect(summaryFigures(null)).toBeNull();
  });

  it("never writes a rounded-away difference as −0", () => {
    const figures = summaryFigures({
      ...proposal("a", "2026-11-23T08:00:00Z").summary!,
      distanceAfterM: 19_990,
      durationAfterS: 3_590,
    });
    expect(figures?.extraDistance).toBe("0.0 km");
    expect(figures?.extraTime).toBe("0 min");
  });
});

describe(statusText.name, () => {
  it("says when the organisation's policy applied a proposal", () => {
    expect(statusText({ status: "approved", decidedBy: "auto-apply" })).toBe("Applied automatically");
    expect(statusText({ status: "approved", decidedBy: "usr_1" })).toBe("Approved");
    expect(statusText({ status: "proposed", decidedBy: null })).toBe("Awaiting decision");
  });
});

describe(moveText.name, () => {
  it("names both vehicles of a move and says when a stop stays", () => {
    expect(moveText({ fromVehicleId: "veh_B", toVehicleId: "veh_A" }, vehicleName)).toBe("Van 3 → Van 1");
    expect(moveText({ fromVehicleId: "veh_A", toVehicleId: "veh_A" }, vehicleName)).toBe("stays on Van 1");
    expect(moveText({ fromVehicleId: "veh_A", toVehicleId: null }, vehicleName)).toBe("Van 1 → unassigned");
  });
});

describe(windowText.name, () => {
  it("reads window states as plain words", () => {
    expect(windowText("kept")).toBe("on time");
    expect(windowText("missed")).toBe("late");
  });
});
