import { systemClock, type Clock } from '../../platform/clock.js';
import { realSleep, type Sleep } from './backoff.js';

/** How fast one corp or app may be called. */
export interface RateLimit {
  perSecond: number;
  /** Requests allowed back to back after a quiet period. Default: `perSecond` (at least 1). */
  burst?: number;
}

/**
 * Spaces out outgoing calls per key (a corp or an app). Storage-agnostic: the in-process
 * bucket below serves one process; `DbRateLimiter` shares the count across processes.
 */
export interface RateLimiter {
  /** Resolves when one more request for `key` may be sent. */
  acquire(key: string, limit: RateLimit): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key that hands out reservations: a caller that finds the bucket empty
 * takes a token on credit and sleeps until it would have refilled, so concurrent callers
 * queue up at even intervals.
 */
export class InProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async acquire(key: string, limit: RateLimit): Promise<void> {
    const wait = this.reserve(key, limit);
    if (wait > 0) await this.sleep(wait);
  }

  /** Takes a token and returns how long to wait before using it (ms). */
  reserve(key: string, limit: RateLimit): number {
    const capacity = Math.max(1, limit.burst ?? limit.perSecond);
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const refilled = ((now - bucket.updatedAt) * limit.perSecond) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + refilled) - 1;
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens * 1000) / limit.perSecond);
  }
}

/** One limiter for the whole process, so every client of one corp shares its budget. */
export const processRateLimiter: RateLimiter = new InProcessRateLimiter();
