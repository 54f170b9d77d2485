import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../database.js';
import { testDialect } from '../../testing/db.js';
import { openDatabase } from '../db/database.js';
import { claimJobs, completeJobs } from './jobs.store.js';
import { createJobsFixture, type JobsFixture } from './testing/jobs-fixture.js';

describe('claiming jobs', () => {
  let t: JobsFixture;
  beforeEach(async () => {
    t = await createJobsFixture();
  });
  afterEach(() => t.close());

  const claim = (limit: number, queues = ['a', 'b']) =>
    claimJobs(t.database.db, t.database.dialect, {
      owner: 'w1',
      queues,
      limit,
      now: t.clock.now(),
      leaseMs: 1000,
    });

  it('takes at most `limit` due jobs of the given queues, oldest run_at first, each once', async () => {
    const now = t.clock.now();
    await t.queue.enqueueMany(t.database.db, [
      ...Array.from({ length: 50 }, (_, n) => ({
        queue: 'a',
        payload: { n },
        runAt: now - 50 + n,
      })),
      { queue: 'c', payload: {}, runAt: now - 1000 },
      { queue: 'b', payload: {}, runAt: now + 1 },
    ]);
    const first = await claim(5);
    expect(first.map((j) => JSON.parse(j.payload).n).sort((x, y) => x - y)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(
      first.every((j) => j.status === 'running' && j.locked_by === 'w1' && j.attempts === 1),
    ).toBe(true);
    expect(first.every((j) => j.locked_until === now + 1000)).toBe(true);
    const rest = await claim(100);
    expect(rest).toHaveLength(45);
    expect(new Set([...first, ...rest].map((j) => j.id)).size).toBe(50);
    expect(await claim(100)).toEqual([]);
    expect(await claim(100, [])).toEqual([]);
  });

  it.skipIf(testDialect === 'sqlite')(
    'relaxes synchronous_commit only for the claim and completion statements themselves',
    async () => {
      // One connection, so every statement below runs in the same session.
      const single = openDatabase<Database>(t.database.config, {
        searchPath: t.database.searchPath,
        poolSize: 1,
      });
      try {
        const db = single.db;
        await sql`set synchronous_commit = on`.execute(db);
        const setting = async (on = db) =>
          (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(on)).rows[0]!
            .synchronous_commit;
        await t.queue.enqueueMany(db, [
          { queue: 'a', payload: {} },
          { queue: 'a', payload: {} },
        ]);
        const options = { owner: 'w1', queues: ['a'], limit: 1, now: t.clock.now(), leaseMs: 1000 };
        const [job] = await claimJobs(db, 'postgres', options);
        expect(await setting()).toBe('on');
        await completeJobs(db, 'postgres', { ids: [job!.id], owner: 'w1', now: t.clock.now() });
        expect(await setting()).toBe('on');
        // Inside a caller's transaction the setting is never touched.
        await db.transaction().execute(async (trx) => {
          expect(await claimJobs(trx, 'postgres', options)).toHaveLength(1);
          expect(await setting(trx)).toBe('on');
        });
      } finally {
        await single.close();
      }
    },
  );
});
