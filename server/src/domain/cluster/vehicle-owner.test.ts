import { describe, expect, it } from "vitest";
import { ownerOf } from "./vehicle-owner";

const vehicles = Array.from({ length: 3000 }, (_, i) => `veh_${i.toString(36)}x${(i * 7919) % 1000}`);
const owners = (members: readonly string[]) => vehicles.map((vehicle) => ownerOf(vehicle, members));

describe(ownerOf.name, () => {
  it("gives every vehicle to the only member", () => {
    expect(new Set(owners(["a"]))).toEqual(new Set(["a"]));
  });

  it("gives the same answer whatever the order of the member list", () => {
    expect(owners(["a", "b", "c"])).toEqual(owners(["c", "a", "b"]));
  });

  it("spreads the vehicles about evenly over the members", () => {
    const members = ["ins-1", "ins-2", "ins-3"];
    const counts = new Map<string, number>();
    for (const owner of owners(members)) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    for (const member of members) {
      expect(counts.get(member)).toBeGreaterThan(vehicles.length / 3 - 150);
      expect(counts.get(member)).toBeLessThan(vehicles.length / 3 + 150);
    }
  });

  it("moves only the vehicles of a member that leaves", () => {
    const before = owners(["a", "b", "c"]);
    const after = owners(["a", "c"]);
    for (const [i, owner] of before.entries()) if (owner !== "b") expect(after[i]).toBe(owner);
    expect(after).not.toContain("b");
  });

  it("gives a member that joins about its share, taken from every other member alike", () => {
    const before = owners(["a", "b"]);
    const after = owners(["a", "b", "c"]);
    const moved = before.filter((owner, i) => after[i] !== owner);
    expect(after.filter((owner, i) => owner !== before[i]).every((owner) => owner === "c")).toBe(true);
    expect(moved.length).toBeGreaterThan(vehicles.length / 3 - 150);
    expect(moved.length).toBeLessThan(vehicles.length / 3 + 150);
    expect(Math.abs(moved.filter((owner) => owner === "a").length - moved.length / 2)).toBeLessThan(100);
  });

  it("refuses an empty member list", () => {
    expect(() => ownerOf("veh_1", [])).toThrow("ownerOf: the member list is empty");
  });
});
