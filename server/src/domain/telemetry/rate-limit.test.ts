import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeviceRateLimiter } from "./rate-limit";

describe("DeviceRateLimiter", () => {
  it("lets a burst through, then the sustained rate, per device", () => {
    const limiter = new DeviceRateLimiter({ perSecond: 2, burst: 3 });
    expect([0, 0, 0, 0].map(() => limiter.take("a", 0))).toEqual([true, true, true, false]);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.take("a", 499)).toBe(false);
    expect(limiter.take("a", 500)).toBe(true);
    expect(limiter.take("a", 500)).toBe(false);
  });

  it("is off at rate 0", () => {
    const limiter = new DeviceRateLimiter({ perSecond: 0, burst: 1 });
    for (let i = 0; i < 1000; i++) expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it("never admits more than burst + rate x time, whatever the arrival pattern", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 400 }),
        (perSecond, burst, gaps) => {
          const limiter = new DeviceRateLimiter({ perSecond, burst });
          let now = 0;
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take("d", now)) admitted++;
          }
          expect(admitted).toBeLessThanOrEqual(burst + Math.floor((perSecond * now) / 1000));
        },
      ),
    );
  });

  it("forgets devices whose bucket is full again, so a flood of made-up ids does not grow memory", () => {
    const limiter = new DeviceRateLimiter({ perSecond: 10, burst: 10 });
    for (let i = 0; i < 10_000; i++) limiter.take(`fake-${i}`, 0);
    expect(limiter.size).toBe(10_000);
    limiter.take("real", 1_000);
    expect(limiter.size).toBe(1);
  });

  it("does not refill when the clock steps back", () => {
    const limiter = new DeviceRateLimiter({ perSecond: 1, burst: 1 });
    expect(limiter.take("a", 10_000)).toBe(true);
    expect(limiter.take("a", 5_000)).toBe(false);
    expect(limiter.take("a", 10_999)).toBe(false);
    expect(limiter.take("a", 11_000)).toBe(true);
  });
});
