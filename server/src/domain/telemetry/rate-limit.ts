/** How many messages a device may send: a sustained rate and a burst on top of it. */
export interface RateLimitRules {
  /** Sustained messages per second per device; 0 turns the limit off. */
  readonly perSecond: number;
  /** Messages a device may send at once after a quiet spell (a backlog flushed on reconnect). */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per device: each message takes a token, tokens come back at `perSecond` up to
 * `burst`. Buckets that have refilled completely carry no information and are pruned, so memory
 * is bounded by the devices that were active within the last `burst / perSecond` seconds, even
 * under a flood of made-up device ids.
 *
 * @example
 * const limiter = new DeviceRateLimiter({ perSecond: 1, burst: 2 });
 * limiter.take("d1", 0); // true
 * limiter.take("d1", 0); // true
 * limiter.take("d1", 0); // false: the burst is spent
 * limiter.take("d1", 1000); // true: one token came back
 */
export class DeviceRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private readonly fullAfterMs: number;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly rules: RateLimitRules) {
    if (!(rules.burst >= 1)) throw new RangeError(`burst must be at least 1, got ${rules.burst}`);
    this.refillPerMs = rules.perSecond / 1000;
    this.fullAfterMs = rules.perSecond > 0 ? rules.burst / this.refillPerMs : 0;
  }

  /** True when the device may send a message at `nowMs` (and counts it); false when over the limit. */
  take(deviceId: string, nowMs: number): boolean {
    if (this.rules.perSecond <= 0) return true;
    this.prune(nowMs);
    const bucket = this.buckets.get(deviceId);
    if (bucket === undefined) {
      this.buckets.set(deviceId, { tokens: this.rules.burst - 1, at: nowMs });
      return true;
    }
    // A clock that steps back refills nothing and never goes negative.
    const elapsed = Math.max(0, nowMs - bucket.at);
    bucket.tokens = Math.min(this.rules.burst, bucket.tokens + elapsed * this.refillPerMs);
    bucket.at = Math.max(bucket.at, nowMs);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Devices currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops the buckets that are full again, at most once per refill period. */
  private prune(nowMs: number): void {
    if (nowMs - this.prunedAt < this.fullAfterMs) return;
    this.prunedAt = nowMs;
    for (const [deviceId, bucket] of this.buckets)
      if (bucket.tokens + (nowMs - bucket.at) * this.refillPerMs >= this.rules.burst)
        this.buckets.delete(deviceId);
  }
}
