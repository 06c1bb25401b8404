import { describe, expect, it } from "vitest";
import { describeRouteChange, diffRoutes } from "./route-diff";
import { stopOf } from "./stop.fixture";

describe(diffRoutes.name, () => {
  it("counts a stop dispatch added", () => {
    const before = [stopOf("a", "assigned")];
    const after = [stopOf("a", "assigned"), stopOf("b", "assigned")];
    expect(diffRoutes(before, after)).toEqual({ added: 1, removed: 0, reordered: false });
  });

  it("counts an open stop that disappeared as removed, but not one the driver finished", () => {
    const before = [stopOf("a", "assigned"), stopOf("b", "en_route")];
    const after = [stopOf("b", "completed")];
    expect(diffRoutes(before, after)).toEqual({ added: 0, removed: 1, reordered: false });
  });

  it("sees a new order of the stops both routes have", () => {
    const before = [stopOf("a", "assigned"), stopOf("b", "assigned"), stopOf("c", "assigned")];
    const after = [stopOf("b", "assigned"), stopOf("a", "assigned"), stopOf("d", "assigned")];
    expect(diffRoutes(before, after)).toEqual({ added: 1, removed: 1, reordered: true });
  });

  it("finds no change when only statuses moved on", () => {
    const before = [stopOf("a", "assigned"), stopOf("b", "assigned")];
    const after = [stopOf("a", "completed"), stopOf("b", "arrived")];
    expect(describeRouteChange(diffRoutes(before, after))).toBeNull();
  });
});

describe(describeRouteChange.name, () => {
  it("says what changed in one line", () => {
    expect(describeRouteChange({ added: 1, removed: 0, reordered: false })).toBe(
      "Your route changed: 1 stop added",
    );
    expect(describeRouteChange({ added: 2, removed: 1, reordered: true })).toBe(
      "Your route changed: 2 stops added, 1 stop removed, new order of stops",
    );
  });
});
