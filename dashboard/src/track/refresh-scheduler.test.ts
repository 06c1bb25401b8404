import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  MAX_RETRY_DELAY_MS,
  REFRESH_INTERVAL_MS,
  type RefreshOutcome,
  RefreshScheduler,
  refreshDelayMs,
} from "./refresh-scheduler";

describe(refreshDelayMs.name, () => {
  it("waits the regular period, then doubles per further failure up to the cap", () => {
    expect([0, 1, 2, 3, 10].map(refreshDelayMs)).toEqual([
      REFRESH_INTERVAL_MS,
      REFRESH_INTERVAL_MS,
      2 * REFRESH_INTERVAL_MS,
      MAX_RETRY_DELAY_MS,
      MAX_RETRY_DELAY_MS,
    ]);
  });
});

describe(RefreshScheduler.name, () => {
  let visible: boolean;
  let outcomes: RefreshOutcome[];
  let calls: number;
  let release: (() => void) | null;
  let holdNext: boolean;

  const refresh = async (): Promise<RefreshOutcome> => {
    calls += 1;
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }
    return outcomes.shift() ?? "ok";
  };
  const scheduler = () => new RefreshScheduler(refresh, () => visible);

  beforeEach(() => {
    vi.useFakeTimers();
    visible = true;
    outcomes = [];
    calls = 0;
    release = null;
    holdNext = false;
  });
  afterEach(() => vi.useRealTimers());

  it("refreshes at once, then every 30 s", async () => {
    scheduler().start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS * 3);
    expect(calls).toBe(4);
  });

  it("backs off while refreshes fail and returns to the regular period after a success", async () => {
    outcomes = ["failed", "failed", "failed", "ok"];
    scheduler().start();
    await vi.advanceTimersByTimeAsync(0); // failure 1
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS); // failure 2
    await vi.advanceTimersByTimeAsync(2 * REFRESH_INTERVAL_MS); // failure 3
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(MAX_RETRY_DELAY_MS - 1);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(1); // ok
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
    expect(calls).toBe(5);
  });

  it("stops for good after a final outcome", async () => {
    outcomes = ["final"];
    const subject = scheduler();
    subject.start();
    await vi.advanceTimersByTimeAsync(10 * REFRESH_INTERVAL_MS);
    subject.visibilityChanged();
    subject.refreshNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
  });

  it("does not poll while hidden and refreshes as soon as the page is shown again", async () => {
    const subject = scheduler();
    subject.start();
    await vi.advanceTimersByTimeAsync(0);
    visible = false;
    subject.visibilityChanged();
    await vi.advanceTimersByTimeAsync(10 * REFRESH_INTERVAL_MS);
    expect(calls).toBe(1);
    visible = true;
    subject.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
  });

  it("does not refresh twice when shown again right after a refresh, but keeps the schedule", async () => {
    const subject = scheduler();
    subject.start();
    await vi.advanceTimersByTimeAsync(1_000);
    subject.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
    expect(calls).toBe(2);
  });

  it("follows a refresh in flight with another when asked to refresh now", async () => {
    holdNext = true;
    const subject = scheduler();
    subject.start();
    await vi.advanceTimersByTimeAsync(0);
    subject.refreshNow();
    subject.refreshNow();
    expect(calls).toBe(1);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
  });
});
