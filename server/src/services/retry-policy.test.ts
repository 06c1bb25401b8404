import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-policy";
import { WEBHOOK_RETRY_DELAYS_MS } from "./webhook-dispatcher";

const HOUR_MS = 3_600_000;
const webhooks = (random: () => number) => ({ retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS, random });

describe(retryDelayMs.name, () => {
  it("retries webhooks for more than 24 hours, every wait at least as long as the one before", () => {
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeGreaterThan(24 * HOUR_MS);
    for (let i = 1; i < WEBHOOK_RETRY_DELAYS_MS.length; i++)
      expect(WEBHOOK_RETRY_DELAYS_MS[i]).toBeGreaterThanOrEqual(WEBHOOK_RETRY_DELAYS_MS[i - 1]!);
    expect(Math.max(...WEBHOOK_RETRY_DELAYS_MS)).toBeLessThanOrEqual(3 * HOUR_MS);
  });

  it("waits the scheduled time after each failed attempt, 5 s after the first", () => {
    expect(
      retryDelayMs(
        webhooks(() => 0.5),
        1,
      ),
    ).toBe(5_000);
    expect(
      retryDelayMs(
        webhooks(() => 0.5),
        2,
      ),
    ).toBe(30_000);
    expect(
      retryDelayMs(
        webhooks(() => 0.5),
        14,
      ),
    ).toBe(3 * HOUR_MS);
  });

  it("jitters by at most 20 % either way", () => {
    expect(retryDelayMs({ retryDelaysMs: [10_000], random: () => 0 }, 1)).toBe(8_000);
    expect(retryDelayMs({ retryDelaysMs: [10_000], random: () => 0.999_999 }, 1)).toBe(12_000);
  });

  it("gives up after the last scheduled wait", () => {
    expect(
      retryDelayMs(
        webhooks(() => 0.5),
        WEBHOOK_RETRY_DELAYS_MS.length + 1,
      ),
    ).toBeNull();
    expect(retryDelayMs({ retryDelaysMs: [], random: () => 0.5 }, 1)).toBeNull();
  });
});
