import { describe, expect, it } from "vitest";
import { ReorderWindow } from "./reorder-window";

const fix = (vehicleId: string, fixAt: number) => ({ vehicleId, fixAt });

describe(ReorderWindow.name, () => {
  it("holds a fix until it has waited, then lets it go", () => {
    const window = new ReorderWindow(300);
    window.add([fix("v", 1000)], 0);
    expect(window.release(299)).toEqual([]);
    expect(window.nextDueMs).toBe(300);
    expect(window.release(300)).toEqual([fix("v", 1000)]);
    expect(window.size).toBe(0);
    expect(window.nextDueMs).toBeNull();
  });

  it("puts a fix that arrived late, within the wait, before the newer one it follows", () => {
    const window = new ReorderWindow(300);
    window.add([fix("v", 2000)], 0);
    window.add([fix("v", 1000)], 250);
    expect(window.release(300)).toEqual([fix("v", 1000), fix("v", 2000)]);
  });

  it("keeps newer fixes of the vehicle and other vehicles' fixes until they are due", () => {
    const window = new ReorderWindow(300);
    window.add([fix("v", 1000)], 0);
    window.add([fix("v", 3000), fix("w", 500)], 200);
    expect(window.release(300)).toEqual([fix("v", 1000)]);
    expect(window.release(500)).toEqual([fix("w", 500), fix("v", 3000)]);
  });

  it("gives everything back, oldest first, when closing", () => {
    const window = new ReorderWindow(300);
    window.add([fix("v", 3000), fix("v", 1000)], 0);
    expect(window.releaseAll()).toEqual([fix("v", 1000), fix("v", 3000)]);
    expect(window.size).toBe(0);
  });
});
