import { systemClock, type Clock } from '../../platform/clock.js';
import { realSleep, type Sleep } from './backoff.js';

/** How fast one corp or app may be called. */
export interface RateLimit {
  perSecond: number;
  /** Requests allowed back to back after a quiet period. Default: `perSecond` (at least 1). */
  burst?: number;
}

/**
 * Budgets of their own for some APIs, by request path (`/cgi-bin/externalcontact/batch/get_by_user`).
 * WeCom counts its frequency limits per corp and per API (doc 90454: 10,000 calls a minute,
 * 150,000 an hour for each API), so a bulk read may go faster than the corp-wide default
 * without taking budget from other calls.
 */
export type ApiRateLimits = Readonly<Record<string, RateLimit>>;

/**
 * The budget a call spends: the path's own (under a key of its own) when it has one, else
 * the corp's or app's shared one.
 */
export function rateBudgetFor(
  key: string,
  path: string,
  shared: RateLimit,
  perApi: ApiRateLimits = {},
): { key: string; limit: RateLimit } {
  const own = Object.hasOwn(perApi, path) ? perApi[path] : undefined;
  return own ? { key: `${key} ${path}`, limit: own } : { key, limit: shared };
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
