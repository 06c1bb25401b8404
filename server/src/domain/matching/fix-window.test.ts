import { describe, expect, it } from "vitest";
import { FixWindow } from "./fix-window";

describe(FixWindow.name, () => {
  it("gives the component-wise median, unmoved by one far outlier", () => {
    const window = new FixWindow(8);
    window.add(7.0, 43.0, 1_000);
    window.add(7.1, 43.2, 2_000);
    window.add(9.9, 40.0, 3_000);
    window.add(7.2, 43.1, 4_000);
    window.add(7.3, 43.3, 5_000);
    expect([window.medianLng(), window.medianLat(), window.medianAt()]).toEqual([7.2, 43.1, 3_000]);
  });

  it("averages the middle pair of an even count and keeps only the newest fixes past capacity", () => {
    const window = new FixWindow(3);
    for (const [k, lng] of [1, 2, 3, 4, 5].entries()) window.add(lng, 0, k);
    expect(window.count).toBe(3);
    expect(window.medianLng()).toBe(4);
    window.clear();
    window.add(1, 0, 0);
    window.add(2, 0, 0);
    expect(window.medianLng()).toBe(1.5);
  });
});
