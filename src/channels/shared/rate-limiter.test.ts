import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../database.js';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { DbRateLimiter } from './db-rate-limiter.js';
import { InProcessRateLimiter } from './rate-limiter.js';
import { fakeTime } from './testing/scripted-server.js';

describe('in-process rate limiter', () => {
  it('queues concurrent callers at even intervals after the burst', () => {
    const { clock } = fakeTime();
    const limiter = new InProcessRateLimiter(clock);
    const limit = { perSecond: 4, burst: 2 };
    expect([1, 2, 3, 4, 5].map(() => limiter.reserve('corp', limit))).toEqual([
      0, 0, 250, 500, 750,
    ]);
    // Other keys have their own budget.
    expect(limiter.reserve('other', limit)).toBe(0);
  });

  it('refills while idle, up to the burst', () => {
    const { clock } = fakeTime();
    const limiter = new InProcessRateLimiter(clock);
    const limit = { perSecond: 2 };
    expect([limiter.reserve('k', limit), limiter.reserve('k', limit)]).toEqual([0, 0]);
    clock.advance(500);
    expect(limiter.reserve('k', limit)).toBe(0);
    expect(limiter.reserve('k', limit)).toBe(500);
    clock.advance(60_000);
    expect([1, 2, 3].map(() => limiter.reserve('k', limit))).toEqual([0, 0, 500]);
  });
});

describe('database rate limiter', () => {
  let database: TestDatabase;
  let other: DatabaseHandle<Database> | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await database.close();
  });

  it('shares a fixed window between processes and waits for the next window when full', async () => {
    const time = fakeTime(Date.UTC(2026, 0, 1, 0, 0, 0, 200));
    other = openDatabase<Database>(database.config, { searchPath: database.searchPath });
    const first = new DbRateLimiter(database.db, { clock: time.clock, sleep: time.sleep });
    const second = new DbRateLimiter(other.db, { clock: time.clock, sleep: time.sleep });
    const limit = { perSecond: 3 };

    await first.acquire('wecom:ww1', limit);
    await second.acquire('wecom:ww1', limit);
    await first.acquire('wecom:ww1', limit);
    expect(time.sleeps).toEqual([]);
    await second.acquire('wecom:ww1', limit);
    // The window [0 s, 1 s) was full: wait 800 ms for the next one.
    expect(time.sleeps).toEqual([800]);
    await first.acquire('oa:wx1', limit);
    expect(time.sleeps).toEqual([800]);

    const rows = await database.db
      .selectFrom('channel_rate_limit')
      .select(['bucket_key', 'window_start', 'count'])
      .orderBy('bucket_key')
      .execute();
    // The first request of the new window removed the full one.
    expect(rows).toEqual([
      { bucket_key: 'oa:wx1', window_start: Date.UTC(2026, 0, 1, 0, 0, 1), count: 1 },
      { bucket_key: 'wecom:ww1', window_start: Date.UTC(2026, 0, 1, 0, 0, 1), count: 1 },
    ]);
  });
});
