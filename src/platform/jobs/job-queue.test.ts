import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobsFixture, type JobsFixture } from './testing/jobs-fixture.js';

describe('enqueueing jobs', () => {
  let t: JobsFixture;
  const ran: unknown[] = [];
  beforeEach(async () => {
    t = await createJobsFixture();
    ran.length = 0;
    t.queue.registry.register('mail.send', {
      schema: z.object({ to: z.string() }),
      handler: async (payload) => {
        ran.push(payload);
      },
    });
  });
  afterEach(() => t.close());

  it('enqueues inside the caller transaction: a rollback leaves no job', async () => {
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await t.queue.enqueue(trx, { queue: 'mail.send', payload: { to: 'a' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    expect(await t.queue.drain()).toBe(0);
  });

  it('commits the job with the transaction', async () => {
    const job = await t.database.db
      .transaction()
      .execute((trx) =>
        t.queue.enqueue(trx, { queue: 'mail.send', payload: { to: 'b' }, workspaceId: 'w1' }),
      );
    expect(await t.job(job.id)).toMatchObject({
      status: 'pending',
      queue: 'mail.send',
      key: job.id,
      workspace_id: 'w1',
      attempts: 0,
      max_attempts: 10,
      payload: '{"to":"b"}',
    });
    expect(await t.queue.drain()).toBe(1);
    expect(ran).toEqual([{ to: 'b' }]);
    expect(await t.job(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      locked_by: null,
    });
  });

  it('treats the same key twice as a no-op returning the first job id', async () => {
    const first = await t.queue.enqueue(t.database.db, {
      queue: 'mail.send',
      key: 'welcome:e1',
      payload: { to: 'c' },
    });
    const second = await t.database.db
      .transaction()
      .execute((trx) =>
        t.queue.enqueue(trx, { queue: 'mail.send', key: 'welcome:e1', payload: { to: 'other' } }),
      );
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, key: 'welcome:e1', created: false });
    const many = await t.queue.enqueueMany(t.database.db, [
      { queue: 'mail.send', key: 'welcome:e1', payload: { to: 'd' } },
      { queue: 'mail.send', key: 'welcome:e2', payload: { to: 'e' } },
    ]);
    expect(many.map((j) => j.created)).toEqual([false, true]);
    expect(many[0]!.id).toBe(first.id);
    await t.queue.drain();
    expect(ran).toHaveLength(2);
    expect(ran).toEqual(expect.arrayContaining([{ to: 'c' }, { to: 'e' }]));
  });

  it('does not claim a job scheduled in the future before its run_at', async () => {
    const job = await t.queue.enqueue(t.database.db, {
      queue: 'mail.send',
      payload: { to: 'later' },
      runAt: t.clock.now() + 60_000,
    });
    expect(await t.queue.drain()).toBe(0);
    expect(await t.queue.dispatchNow(job.id)).toBeUndefined();
    t.clock.advance(59_999);
    expect(await t.queue.drain()).toBe(0);
    t.clock.advance(1);
    expect(await t.queue.drain()).toBe(1);
    expect(ran).toEqual([{ to: 'later' }]);
  });

  it('rejects a payload that does not match the queue schema at enqueue time', async () => {
    await expect(
      t.queue.enqueue(t.database.db, { queue: 'mail.send', payload: { to: 42 } }),
    ).rejects.toThrow();
    expect(await t.database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('runs an immediate job right after commit without any poller', async () => {
    const job = await t.queue.transaction(async (trx) => {
      const enqueued = await t.queue.enqueue(trx, {
        queue: 'mail.send',
        payload: { to: 'now' },
        immediate: true,
      });
      // Inside the transaction the job is already claimed by this process, not yet run.
      expect(ran).toEqual([]);
      return enqueued;
    });
    const settled = await t.settled(job.id);
    expect(settled.outcome).toBe('succeeded');
    expect(ran).toEqual([{ to: 'now' }]);
    expect(await t.job(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      locked_by: null,
    });
  });

  it('renews the lease of an immediate job whose transaction ran long, then runs it', async () => {
    const job = await t.queue.transaction(async (trx) => {
      const enqueued = await t.queue.enqueue(trx, {
        queue: 'mail.send',
        payload: { to: 'slow' },
        immediate: true,
      });
      t.clock.advance(20_000); // most of the 30 s lease spent before commit
      return enqueued;
    });
    expect((await t.settled(job.id)).outcome).toBe('succeeded');
    expect(ran).toEqual([{ to: 'slow' }]);
  });

  it('runs nothing when the transaction of an immediate job rolls back', async () => {
    await expect(
      t.queue.transaction(async (trx) => {
        await t.queue.enqueue(trx, {
          queue: 'mail.send',
          payload: { to: 'never' },
          immediate: true,
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([]);
    expect(await t.database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('refuses immediate jobs in a transaction it cannot see commit, and offers dispatchNow', async () => {
    await expect(
      t.database.db
        .transaction()
        .execute((trx) =>
          t.queue.enqueue(trx, { queue: 'mail.send', payload: { to: 'x' }, immediate: true }),
        ),
    ).rejects.toThrow(/jobs\.transaction\(\)/);
    const job = await t.database.db
      .transaction()
      .execute((trx) => t.queue.enqueue(trx, { queue: 'mail.send', payload: { to: 'y' } }));
    expect(await t.queue.dispatchNow(job.id)).toBe('succeeded');
    expect(await t.queue.dispatchNow(job.id)).toBeUndefined();
    expect(ran).toEqual([{ to: 'y' }]);
  });

  it('dispatches an immediate job enqueued on the root database at once', async () => {
    const job = await t.queue.enqueue(t.database.db, {
      queue: 'mail.send',
      payload: { to: 'root' },
      immediate: true,
    });
    expect((await t.settled(job.id)).outcome).toBe('succeeded');
    expect(ran).toEqual([{ to: 'root' }]);
  });

  it('wakes its own poller on enqueue instead of waiting for the next poll', async () => {
    t.queue.start({ pollIntervalMs: 60_000, maxPollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const job = await t.queue.enqueue(t.database.db, {
      queue: 'mail.send',
      payload: { to: 'poll' },
    });
    await t.settled(job.id);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(ran).toEqual([{ to: 'poll' }]);
  });
});
