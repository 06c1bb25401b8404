import { describe, expect, it } from "vitest";
import { OwnershipHistory } from "./ownership-history";
import { ownerOf } from "./vehicle-owner";

/** A vehicle id that {@link ownerOf} gives to `member` among `members`. */
function vehicleOwnedBy(member: string, members: readonly string[]): string {
  for (let i = 0; ; i++) if (ownerOf(`veh_${i}`, members) === member) return `veh_${i}`;
}

describe(OwnershipHistory.name, () => {
  it("owns every vehicle alone, and gained none of them when it started alone", () => {
    const history = new OwnershipHistory("a");
    expect(history.record(["a"])).toBe(true);
    expect(history.record(["a"])).toBe(false);
    expect(history.owns("veh_1")).toBe(true);
    expect(history.gained("veh_1")).toBe(false);
  });

  it("keeps what it owned when a peer joins; the joining one gains its share", () => {
    const a = new OwnershipHistory("a");
    a.record(["a"]);
    a.record(["a", "b"]);
    const b = new OwnershipHistory("b");
    b.record(["a", "b"]);
    const ofA = vehicleOwnedBy("a", ["a", "b"]);
    const ofB = vehicleOwnedBy("b", ["a", "b"]);
    expect([a.owns(ofA), a.gained(ofA)]).toEqual([true, false]);
    expect([a.owns(ofB), b.owns(ofB), b.gained(ofB)]).toEqual([false, true, true]);
  });

  it("gains the vehicles of a peer that left, even one it owned before that peer came", () => {
    const a = new OwnershipHistory("a");
    a.record(["a"]);
    a.record(["a", "b"]);
    a.record(["a"]);
    const wasB = vehicleOwnedBy("b", ["a", "b"]);
    expect([a.owns(wasB), a.gained(wasB)]).toEqual([true, true]);
    expect(a.gained(vehicleOwnedBy("a", ["a", "b"]))).toBe(false);
  });

  it("says gained when the lists that would tell were forgotten", () => {
    const a = new OwnershipHistory("a", 2);
    a.record(["a"]);
    a.record(["a", "z1"]);
    a.record(["a", "z2"]);
    let kept = 0; // a vehicle a owned in every list, the forgotten first one included
    while (ownerOf(`veh_${kept}`, ["a", "z1"]) !== "a" || ownerOf(`veh_${kept}`, ["a", "z2"]) !== "a") kept++;
    expect(a.gained(`veh_${kept}`)).toBe(true);
  });
});
