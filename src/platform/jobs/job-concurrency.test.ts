import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../database.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../../testing/db.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { JobQueue } from './job-queue.js';

interface Run {
  job: string;
  worker: string;
  start: number;
  end: number;
}

describe('two workers on PostgreSQL', () => {
  let database: TestDatabase;
  const pools: DatabaseHandle<Database>[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.close();
    await database.close();
  });

  it.skipIf(testDialect === 'sqlite')(
    'never run the same job at the same time, and run each job once',
    async () => {
      const total = 400;
      const runs: Run[] = [];
      const workers = ['a', 'b'].map((name) => {
        const pool = openDatabase<Database>(database.config, {
          searchPath: database.searchPath,
          poolSize: 4,
        });
        pools.push(pool);
        const queue = new JobQueue({ db: pool.db, dialect: pool.dialect });
        queue.registry.register('overlap.check', {
          handler: async (_payload, ctx) => {
            const start = performance.now();
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            runs.push({ job: ctx.id, worker: name, start, end: performance.now() });
          },
        });
        return queue;
      });
      const enqueued = await workers[0]!.enqueueMany(
        database.db,
        Array.from({ length: total }, (_, n) => ({ queue: 'overlap.check', payload: { n } })),
      );
      for (const queue of workers) queue.start({ concurrency: 8, pollIntervalMs: 5 });
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const left = await database.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '!=', 'succeeded')
          .executeTakeFirstOrThrow();
        if (Number(left.n) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const queue of workers) await queue.stop({ graceMs: 1000 });

      const byJob = new Map<string, Run[]>();
      for (const run of runs) byJob.set(run.job, [...(byJob.get(run.job) ?? []), run]);
      for (const [, jobRuns] of byJob) {
        const sorted = jobRuns.sort((x, y) => x.start - y.start);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
      }
      expect(new Set(byJob.keys())).toEqual(new Set(enqueued.map((j) => j.id)));
      expect([...byJob.values()].every((jobRuns) => jobRuns.length === 1)).toBe(true);
      expect(runs.filter((r) => r.worker === 'a').length).toBeGreaterThan(0);
      expect(runs.filter((r) => r.worker === 'b').length).toBeGreaterThan(0);
      const statuses = await database.db
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .distinct()
        .execute();
      expect(statuses).toEqual([{ status: 'succeeded', attempts: 1 }]);
    },
  );
});
