import { describe, expect, it } from "vitest";
import { FixBatcher } from "./fix-batcher";

const fix = (fixAt: number) => ({ fixAt, lat: 43.73, lng: 7.42 });
const options = { maxFixes: 3, maxWaitMs: 10_000 };

describe(FixBatcher.name, () => {
  it("is due once the oldest fix waited the maximum time", () => {
    const batcher = new FixBatcher(options);
    expect(batcher.isDue(0)).toBe(false);
    batcher.add(fix(1), 1_000);
    expect(batcher.isDue(10_999)).toBe(false);
    expect(batcher.isDue(11_000)).toBe(true);
  });

  it("is due at once when the batch is full", () => {
    const batcher = new FixBatcher(options);
    for (const at of [1, 2, 3]) batcher.add(fix(at), 0);
    expect(batcher.isDue(0)).toBe(true);
    expect(batcher.take().map((f) => f.fixAt)).toEqual([1, 2, 3]);
    expect(batcher.isDue(60_000)).toBe(false);
  });

  it("skips fixes that are not newer than the last one", () => {
    const batcher = new FixBatcher(options);
    batcher.add(fix(5), 0);
    batcher.add(fix(5), 0);
    batcher.add(fix(4), 0);
    expect(batcher.take()).toEqual([fix(5)]);
    batcher.add(fix(5), 0);
    expect(batcher.take()).toEqual([]);
  });
});
