/** When to retry a failed delivery (webhook, email). */
export interface RetryPolicy {
  /** Waits before each retry, milliseconds; after the last, the delivery is given up. */
  readonly retryDelaysMs: readonly number[];
  /** A number in [0, 1) for the jitter: `Math.random` outside tests. */
  readonly random: () => number;
}

/** Largest share by which a wait is randomly lengthened or shortened, so retries do not stampede. */
const JITTER = 0.2;

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next, with jitter;
 * null when the schedule is exhausted and the delivery should be given up.
 *
 * @example
 * retryDelayMs({ retryDelaysMs: [5_000, 30_000], random: () => 0.5 }, 1); // 5000
 * retryDelayMs({ retryDelaysMs: [5_000, 30_000], random: Math.random }, 3); // null
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number | null {
  const base = policy.retryDelaysMs[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + JITTER * (2 * policy.random() - 1)));
}
