import type { HttpServer } from '../platform/http/server.js';
import { buildApp, createDomainEventBus } from '../app.js';
import { ManualClock } from '../platform/clock.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import { SecretBox } from '../platform/crypto.js';
import { JobQueue } from '../platform/jobs/job-queue.js';
import { createLogger } from '../platform/log.js';
import { MetricsRegistry } from '../platform/metrics.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: HttpServer;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  metrics: MetricsRegistry;
  secretBox: SecretBox;
  /** The app's job queue (no poller: tests run jobs with jobs.drain()). */
  jobs: JobQueue;
  /** The app's domain-event bus (subscribe before publishing). */
  bus: ReturnType<typeof createDomainEventBus>;
  close(): Promise<void>;
}

/** A full app on a fresh database, with a manual clock and silent logs. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Callbacks are opened on the test's own thread (callback-opener.test.ts covers the threads).
  const config = loadConfig({
    SIYU_LOG_LEVEL: 'silent',
    SIYU_WORKERS: '0',
    SIYU_CALLBACK_THREADS: '0',
    ...env,
  });
  const clock = new ManualClock(Date.now());
  const metrics = new MetricsRegistry();
  const secretBox = new SecretBox('test-secret-key-that-is-long-enough-0123');
  const jobs = new JobQueue({ db: database.db, dialect: database.dialect, clock, metrics });
  const bus = createDomainEventBus({ db: database.db, jobs, clock });
  const app = await buildApp({
    config,
    db: database.db,
    dialect: database.dialect,
    logger: createLogger('silent'),
    clock,
    metrics,
    secretBox,
    jobs,
    bus,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    metrics,
    secretBox,
    jobs,
    bus,
    close: async () => {
      await app.close();
      await jobs.stop({ graceMs: 1000 });
      await database.close();
    },
  };
}
