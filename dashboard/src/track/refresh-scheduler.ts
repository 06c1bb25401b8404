/** Refresh period of a visible page. */
export const REFRESH_INTERVAL_MS = 30_000;
/** Longest wait between attempts while the server cannot be reached. */
export const MAX_RETRY_DELAY_MS = 120_000;
/** A page shown again refreshes at once, unless its last attempt is younger than this. */
export const SHOWN_AGAIN_MIN_GAP_MS = 5_000;

/** What one refresh reports: data arrived, it failed (try again later), or the link is dead (stop). */
export type RefreshOutcome = "ok" | "failed" | "final";

/**
 * Wait before the next refresh: the regular period, doubled for each further failure in a row,
 * capped at {@link MAX_RETRY_DELAY_MS}.
 *
 * @example
 * refreshDelayMs(0); // 30_000
 * refreshDelayMs(2); // 60_000
 */
export function refreshDelayMs(consecutiveFailures: number): number {
  const doublings = Math.max(0, consecutiveFailures - 1);
  return Math.min(REFRESH_INTERVAL_MS * 2 ** doublings, MAX_RETRY_DELAY_MS);
}

/**
 * Runs a refresh now and then every {@link REFRESH_INTERVAL_MS} while the page is visible, one at
 * a time. A hidden page does not poll; shown again, it refreshes at once. A "final" outcome
 * stops the schedule for good. `refresh` reports failures as outcomes; it does not reject.
 */
export class RefreshScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private runAgain = false;
  private stopped = false;
  private failures = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly refresh: () => Promise<RefreshOutcome>,
    private readonly isVisible: () => boolean,
  ) {}

  /** Refreshes now, then on schedule. */
  start(): void {
    void this.run();
  }

  /** To call on `visibilitychange`. */
  visibilityChanged(): void {
    if (this.stopped) return;
    if (!this.isVisible()) this.cancelTimer();
    else if (Date.now() - this.lastAttemptAt >= SHOWN_AGAIN_MIN_GAP_MS) void this.run();
    else this.schedule();
  }

  /**
   * Refreshes now, after the customer changed something. A refresh in flight may have been answered
   * before the change, so another one follows it.
   */
  refreshNow(): void {
    if (this.running) this.runAgain = true;
    else void this.run();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.cancelTimer();
    this.running = true;
    this.lastAttemptAt = Date.now();
    let outcome: RefreshOutcome;
    try {
      outcome = await this.refresh();
    } finally {
      this.running = false;
    }
    if (outcome === "final") {
      this.stopped = true;
      return;
    }
    this.failures = outcome === "ok" ? 0 : this.failures + 1;
    if (this.runAgain) {
      this.runAgain = false;
      void this.run();
    } else this.schedule();
  }

  private schedule(): void {
    this.cancelTimer();
    if (!this.stopped && this.isVisible())
      this.timer = setTimeout(() => void this.run(), refreshDelayMs(this.failures));
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
