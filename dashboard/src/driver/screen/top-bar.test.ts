import { describe, expect, it } from "vitest";
import { describeWaiting } from "./top-bar";

describe(describeWaiting.name, () => {
  it("counts the driver's actions", () => {
    expect(describeWaiting(1, 0)).toBe("1 action waiting to send");
    expect(describeWaiting(3, 4)).toBe("3 actions waiting to send");
  });

  it("mentions positions only when nothing else waits", () => {
    expect(describeWaiting(0, 2)).toBe("Positions waiting to send");
    expect(describeWaiting(0, 0)).toBe("All sent");
  });
});
