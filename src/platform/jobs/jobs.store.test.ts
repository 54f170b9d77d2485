import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimJobs } from './jobs.store.js';
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
});
