import { describe, expect, it } from "vitest";
import { rerouteReason } from "./reroute-reason";

describe("rerouteReason", () => {
  it("names what happened, and to which vehicle", () => {
    expect(rerouteReason("breakdown", "Van 3")).toBe("re-route after breakdown of Van 3");
    expect(rerouteReason("new_orders", null)).toBe("re-route after new urgent orders");
  });

  it("tells a jam from a closure by the trigger's detail", () => {
    expect(rerouteReason("road_closure", null, "road closed: bridge closed for inspection")).toBe(
      "re-route after road closure",
    );
    expect(
      rerouteReason("road_closure", null, "3 triggers: road slowed: traffic jam; road slowed: traffic jam"),
    ).toBe("re-route after slow traffic");
    // Closed and slowed together: the closure is the news.
    expect(rerouteReason("road_closure", null, "2 triggers: road slowed: jam; road closed: works")).toBe(
      "re-route after road closure",
    );
  });
});
