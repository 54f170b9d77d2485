import { ManualClock } from '../../clock.js';
import { MetricsRegistry } from '../../metrics.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/db.js';
import type { SettledJob } from '../job-executor.js';
import { JobQueue, type JobQueueOptions } from '../job-queue.js';
import { findJob } from '../jobs.store.js';

export interface JobsFixture {
  database: TestDatabase;
  clock: ManualClock;
  metrics: MetricsRegistry;
  queue: JobQueue;
  /** Another queue (another owner) on the same database, e.g. a second worker. */
  newQueue(options?: Partial<JobQueueOptions>): JobQueue;
  /** Resolves when the job with this id is settled by `queue`. */
  settled(id: string, queue?: JobQueue): Promise<SettledJob>;
  job(id: string): ReturnType<typeof findJob>;
  close(): Promise<void>;
}

export async function createJobsFixture(
  options: Partial<JobQueueOptions> = {},
): Promise<JobsFixture> {
  const database = await createTestDatabase();
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  const metrics = new MetricsRegistry();
  const queues: JobQueue[] = [];
  const newQueue = (extra: Partial<JobQueueOptions> = {}) => {
    const queue = new JobQueue({
      db: database.db,
      dialect: database.dialect,
      clock,
      ...options,
      ...extra,
    });
    queues.push(queue);
    return queue;
  };
  const queue = newQueue({ metrics });
  return {
    database,
    clock,
    metrics,
    queue,
    newQueue,
    settled: (id, on = queue) =>
      new Promise((resolve) => {
        const off = on.onSettled((s) => {
          if (s.job.id !== id) return;
          off();
          resolve(s);
        });
      }),
    job: (id) => findJob(database.db, id),
    close: async () => {
      for (const q of queues) await q.stop({ graceMs: 0 });
      await database.close();
    },
  };
}
