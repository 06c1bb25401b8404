import { describe, expect, it } from "vitest";
import { stopOf } from "../route/stop.fixture";
import { stopMarkerId } from "./stop-markers";

describe(stopMarkerId.name, () => {
  it("names the marker by how the stop stands and its number", () => {
    expect(stopMarkerId(stopOf("a", "assigned"), 1)).toBe("driver-stop:open:1");
    expect(stopMarkerId(stopOf("a", "arrived"), 2)).toBe("driver-stop:open:2");
    expect(stopMarkerId(stopOf("a", "completed", { outcome: "succeeded" }), 3)).toBe(
      "driver-stop:delivered:3",
    );
    expect(stopMarkerId(stopOf("a", "completed", { outcome: "failed" }), 4)).toBe("driver-stop:failed:4");
    expect(stopMarkerId(stopOf("a", "cancelled"), 5)).toBe("driver-stop:cancelled:5");
  });
});
