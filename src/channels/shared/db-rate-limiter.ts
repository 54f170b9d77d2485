import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { realSleep, type Sleep } from './backoff.js';
import type { RateLimit, RateLimiter } from './rate-limiter.js';
import { countRequestInWindow, deleteWindowsBefore } from './rate-limit-store.js';

export interface DbRateLimiterOptions {
  clock?: Clock;
  sleep?: Sleep;
  /** Length of a counting window. Default 1 s. */
  windowMs?: number;
}

/**
 * A fixed-window counter in the database, so every process calling one corp or app shares
 * the budget. Coarser than the in-process bucket (a burst may straddle two windows), but it
 * needs one upsert per request and no coordination beyond the row.
 */
export class DbRateLimiter implements RateLimiter {
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly windowMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: DbRateLimiterOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.windowMs = options.windowMs ?? 1000;
  }

  async acquire(key: string, limit: RateLimit): Promise<void> {
    const allowed = Math.max(1, Math.floor((limit.perSecond * this.windowMs) / 1000));
    for (;;) {
      const now = this.clock.now();
      const windowStart = now - (now % this.windowMs);
      const count = await countRequestInWindow(this.db, key, windowStart);
      // The first request of a window clears the key's old windows.
      if (count === 1) await deleteWindowsBefore(this.db, key, windowStart);
      if (count <= allowed) return;
      await this.sleep(windowStart + this.windowMs - now);
    }
  }
}
