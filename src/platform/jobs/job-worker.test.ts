import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError, RetryJobError } from './job.js';
import { createJobsFixture, type JobsFixture } from './testing/jobs-fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('running jobs', () => {
  let t: JobsFixture;
  beforeEach(async () => {
    t = await createJobsFixture();
  });
  afterEach(() => t.close());

  it('retries with growing, jittered backoff and then keeps the job dead with its last error', async () => {
    let calls = 0;
    t.queue.registry.register('flaky', {
      maxAttempts: 3,
      handler: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'flaky', payload: {} });
    const start = t.clock.now();
    await t.queue.drain();
    let job = (await t.job(id))!;
    expect(job).toMatchObject({ status: 'pending', attempts: 1, locked_by: null });
    expect(job.last_error).toContain('boom 1');
    // Base 1 s doubling, with equal jitter: attempt 1 waits 0.5–1 s, attempt 2 waits 1–2 s.
    expect(job.run_at - start).toBeGreaterThanOrEqual(500);
    expect(job.run_at - start).toBeLessThanOrEqual(1000);
    expect(await t.queue.drain()).toBe(0);
    t.clock.set(job.run_at);
    await t.queue.drain();
    job = (await t.job(id))!;
    expect(job).toMatchObject({ status: 'pending', attempts: 2 });
    expect(job.run_at - t.clock.now()).toBeGreaterThanOrEqual(1000);
    expect(job.run_at - t.clock.now()).toBeLessThanOrEqual(2000);
    t.clock.set(job.run_at);
    await t.queue.drain();
    job = (await t.job(id))!;
    expect(job).toMatchObject({ status: 'dead', attempts: 3, finished_at: t.clock.now() });
    expect(job.last_error).toMatch(/^Error: boom 3\n\s+at /);
    t.clock.advance(24 * 3600_000);
    expect(await t.queue.drain()).toBe(0);
    expect(calls).toBe(3);
  });

  it('marks a permanent failure dead at once', async () => {
    t.queue.registry.register('bad', {
      handler: async () => {
        throw new PermanentJobError('customer blocked us');
      },
    });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'bad', payload: {} });
    await t.queue.drain();
    const job = (await t.job(id))!;
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job.last_error).toContain('PermanentJobError: customer blocked us');
  });

  it('retries after the delay a handler asks for', async () => {
    let calls = 0;
    t.queue.registry.register('rate-limited', {
      handler: async () => {
        calls += 1;
        if (calls === 1) throw new RetryJobError('rate limited', 45_000);
      },
    });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'rate-limited', payload: {} });
    await t.queue.drain();
    expect(await t.job(id)).toMatchObject({ status: 'pending', run_at: t.clock.now() + 45_000 });
    t.clock.advance(44_999);
    expect(await t.queue.drain()).toBe(0);
    t.clock.advance(1);
    await t.queue.drain();
    expect(await t.job(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('fails a job that runs past its timeout and aborts its signal', async () => {
    let aborted = false;
    t.queue.registry.register('slow', {
      timeoutMs: 30,
      maxAttempts: 1,
      handler: (_payload, ctx) =>
        new Promise((resolve) =>
          ctx.signal.addEventListener('abort', () => ((aborted = true), resolve())),
        ),
    });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'slow', payload: {} });
    await t.queue.drain();
    expect(aborted).toBe(true);
    const job = (await t.job(id))!;
    expect(job.status).toBe('dead');
    expect(job.last_error).toContain('timed out after 30 ms');
  });

  it('kills a job whose payload no longer matches its schema without retrying', async () => {
    const { z } = await import('zod');
    t.queue.registry.register('typed', {
      schema: z.object({ n: z.number() }),
      handler: async () => {},
    });
    const other = t.newQueue();
    const { id } = await other.enqueue(t.database.db, { queue: 'typed', payload: { n: 'one' } });
    await t.queue.drain();
    expect(await t.job(id)).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('polls with a concurrency limit and runs every job once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    t.queue.registry.register('count', {
      handler: async (payload: { n: number }) => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(2);
        running -= 1;
        done.push(payload.n);
      },
    });
    await t.queue.enqueueMany(
      t.database.db,
      Array.from({ length: 40 }, (_, n) => ({ queue: 'count', payload: { n } })),
    );
    let settled = 0;
    t.queue.onSettled(() => (settled += 1));
    t.queue.start({ concurrency: 3, pollIntervalMs: 10 });
    while (settled < 40) await sleep(10);
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    const statuses = await t.database.db.selectFrom('jobs').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'succeeded' }]);
  });

  it('on shutdown waits for jobs that finish within the grace period and releases the rest', async () => {
    let signal: AbortSignal | undefined;
    const started: string[] = [];
    t.queue.registry.register('quick', {
      handler: async () => {
        started.push('quick');
        await sleep(30);
      },
    });
    t.queue.registry.register('stuck', {
      handler: (_payload, ctx) => {
        started.push('stuck');
        signal = ctx.signal;
        return new Promise(() => {});
      },
    });
    const quick = await t.queue.enqueue(t.database.db, { queue: 'quick', payload: {} });
    const stuck = await t.queue.enqueue(t.database.db, { queue: 'stuck', payload: {} });
    t.queue.start({ concurrency: 2, pollIntervalMs: 10 });
    while (started.length < 2) await sleep(5);
    expect(await t.job(stuck.id)).toMatchObject({ status: 'running', locked_by: t.queue.owner });
    await t.queue.stop({ graceMs: 200 });
    expect(await t.job(quick.id)).toMatchObject({ status: 'succeeded' });
    expect(await t.job(stuck.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      locked_by: null,
      locked_until: null,
    });
    expect(signal?.aborted).toBe(true);
    // Another worker picks the released job up.
    const next = t.newQueue();
    let ranAgain = false;
    next.registry.register('stuck', {
      handler: async () => {
        ranAgain = true;
      },
    });
    await next.drain();
    expect(ranAgain).toBe(true);
    expect(await t.job(stuck.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('takes over a job whose lease expired, and ignores the late result of the lost worker', async () => {
    let finishFirst: () => void = () => {};
    const runs: string[] = [];
    t.queue.registry.register('long', {
      handler: () => {
        runs.push('first');
        return new Promise<void>((resolve) => (finishFirst = resolve));
      },
    });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'long', payload: {} });
    const firstOutcome = t.queue.dispatchNow(id);
    while (runs.length === 0) await sleep(5);
    const second = t.newQueue();
    second.registry.register('long', {
      handler: async () => {
        runs.push('second');
      },
    });
    expect(await second.drain()).toBe(0);
    t.clock.advance(30_001);
    expect(await second.drain()).toBe(1);
    expect(await t.job(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    finishFirst();
    expect(await firstOutcome).toBe('lost');
    expect(runs).toEqual(['first', 'second']);
    expect(await t.job(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('kills a job whose last attempt lost its lease', async () => {
    t.queue.registry.register('hang', { maxAttempts: 1, handler: () => new Promise(() => {}) });
    const { id } = await t.queue.enqueue(t.database.db, { queue: 'hang', payload: {} });
    void t.queue.dispatchNow(id);
    await sleep(20);
    t.clock.advance(30_001);
    const rescuer = t.newQueue();
    rescuer.registry.register('hang', { handler: async () => {} });
    expect(await rescuer.drain()).toBe(0);
    const job = (await t.job(id))!;
    expect(job.status).toBe('dead');
    expect(job.last_error).toContain('lease expired');
  });

  it('counts processed jobs by queue and outcome and reports jobs by status', async () => {
    t.queue.registry.register('ok', { handler: async () => {} });
    t.queue.registry.register('nope', {
      handler: async () => {
        throw new PermanentJobError('no');
      },
    });
    await t.queue.enqueue(t.database.db, { queue: 'ok', payload: {} });
    await t.queue.enqueue(t.database.db, { queue: 'ok', payload: {} });
    await t.queue.enqueue(t.database.db, { queue: 'nope', payload: {} });
    await t.queue.enqueue(t.database.db, { queue: 'ok', payload: {}, runAt: t.clock.now() + 1000 });
    await t.queue.drain();
    const text = await t.metrics.render();
    expect(text).toContain('siyu_jobs_processed_total{outcome="succeeded",queue="ok"} 2');
    expect(text).toContain('siyu_jobs_processed_total{outcome="dead",queue="nope"} 1');
    expect(text).toContain('siyu_jobs{status="succeeded"} 2');
    expect(text).toContain('siyu_jobs{status="dead"} 1');
    expect(text).toContain('siyu_jobs{status="pending"} 1');
  });
});
