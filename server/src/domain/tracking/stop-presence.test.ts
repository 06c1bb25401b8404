import { describe, expect, it } from "vitest";
import { StopPresence } from "./stop-presence";

const STOP = { lat: 43.7384, lng: 7.4246 };
const M_PER_DEG_LAT = 111_320;
/** A point `north` and `east` metres from the stop. */
const offset = (north: number, east = 0) => ({
  lat: STOP.lat + north / M_PER_DEG_LAT,
  lng: STOP.lng + east / (M_PER_DEG_LAT * Math.cos((STOP.lat * Math.PI) / 180)),
});

/** A deterministic pseudo-random sequence in [-1, 1). */
function noise(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return (x / 2 ** 31) * 2 - 1;
  };
}

function run(presence: StopPresence, fixes: readonly { t: number; north: number; east?: number }[]) {
  return fixes
    .map((fix) => {
      const p = offset(fix.north, fix.east);
      return presence.update(fix.t * 1000, p.lat, p.lng);
    })
    .filter((event) => event.type !== "none");
}

describe("StopPresence", () => {
  it("arrives once after the dwell time, at the time the vehicle got there, and departs once", () => {
    const fixes = [
      ...[-300, -200, -120, -60].map((north, i) => ({ t: i * 10, north })),
      ...Array.from({ length: 30 }, (_, i) => ({ t: 40 + i * 5, north: 5 })),
      ...[60, 120, 200, 300].map((north, i) => ({ t: 200 + i * 10, north })),
    ];
    expect(run(new StopPresence(STOP), fixes)).toEqual([
      { type: "arrived", at: 40_000 },
      { type: "departed", at: 210_000 },
    ]);
  });

  it("does not flap with 15 m GPS drift and occasional 60-90 m jumps while parked", () => {
    const random = noise(7);
    const fixes = Array.from({ length: 240 }, (_, i) => ({
      t: i * 5,
      north: i % 37 === 0 ? 60 + 30 * Math.abs(random()) : 15 * random(),
      east: 15 * random(),
    }));
    expect(run(new StopPresence(STOP), fixes).map((e) => e.type)).toEqual(["arrived"]);
  });

  it("does not arrive when the van only drives past", () => {
    const fixes = Array.from({ length: 40 }, (_, i) => ({ t: i, north: -160 + i * 8.3 }));
    expect(run(new StopPresence(STOP), fixes)).toEqual([]);
  });

  it("ignores reordered and repeated fixes", () => {
    const presence = new StopPresence(STOP);
    const inside = offset(3);
    expect(presence.update(0, inside.lat, inside.lng).type).toBe("none");
    expect(presence.update(50_000, inside.lat, inside.lng)).toEqual({ type: "arrived", at: 0 });
    const away = offset(500);
    expect(presence.update(40_000, away.lat, away.lng).type).toBe("none");
    expect(presence.update(50_000, away.lat, away.lng).type).toBe("none");
    expect(presence.isPresent).toBe(true);
  });

  it("starts present for a stop the vehicle is already at (a restart) and only departs", () => {
    const presence = new StopPresence(STOP, undefined, true);
    const far = offset(400);
    expect(presence.update(0, far.lat, far.lng).type).toBe("none");
    expect(presence.update(25_000, far.lat, far.lng)).toEqual({ type: "departed", at: 0 });
  });
});
