import { describe, expect, it } from "vitest";
import { stopActions } from "./stop-actions";

describe(stopActions.name, () => {
  it("walks the driver through on my way, arrived, then delivered or failed", () => {
    expect(stopActions("assigned")[0]).toBe("en_route");
    expect(stopActions("en_route")[0]).toBe("arrived");
    expect(stopActions("arrived")).toEqual(["deliver", "fail"]);
  });

  it("offers nothing on a stop that is finished or not the driver's", () => {
    expect(stopActions("completed")).toEqual([]);
    expect(stopActions("cancelled")).toEqual([]);
    expect(stopActions("unassigned")).toEqual([]);
  });
});
