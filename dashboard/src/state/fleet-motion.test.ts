import { describe, expect, it } from "vitest";
import { applyPositions, applySnapshot } from "./fleet.state";
import { advanceGlides } from "./fleet-motion";
import { FleetTable } from "./fleet-table";

const T0 = Date.parse("2026-03-02T08:00:00Z");

function gliding(): FleetTable {
  const table = new FleetTable();
  const position = { fixAt: T0, lng: 7.42, lat: 43.73, speedKmh: 30, headingDeg: 90 };
  applySnapshot(
    table,
    [
      {
        id: "a",
        name: "A",
        plate: null,
        capacityKg: null,
        deviceId: null,
        createdAt: "",
        position,
        driver: null,
      },
    ],
    {
      wallMs: T0,
      frameMs: 0,
    },
  );
  const next = { ...position, vehicleId: "a" as never, fixAt: T0 + 1_000, lng: 7.43 };
  applyPositions(table, [next], { wallMs: T0 + 1_000, frameMs: 1_000 });
  return table;
}

describe(advanceGlides.name, () => {
  it("draws a gliding vehicle part of the way, in proportion to elapsed time", () => {
    const table = gliding();
    expect(advanceGlides(table, 1_250)).toBe(1);
    expect(table.col.shownLng[0]).toBeCloseTo(7.4225, 10);
  });

  it("lands on the fix when the glide is over, then reports nothing to redraw", () => {
    const table = gliding();
    const version = table.drawVersion;
    expect(advanceGlides(table, 5_000)).toBe(1);
    expect(table.col.shownLng[0]).toBe(7.43);
    expect(table.drawVersion).toBe(version + 1);
    expect(advanceGlides(table, 5_016)).toBe(0);
    expect(table.drawVersion).toBe(version + 1);
  });
});
