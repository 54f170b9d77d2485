import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { openRuntime, startServer } from '../../runtime.js';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { findJob } from './jobs.store.js';
import { testDatabaseUrlOf } from './testing/database-url.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job workers in the server runtime', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-runtime-'));
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const config = (workers: string) =>
    loadConfig({
      SIYU_DATABASE_URL: testDatabaseUrlOf(database),
      SIYU_DATA_DIR: dataDir,
      SIYU_HOST: '127.0.0.1',
      SIYU_PORT: '0',
      SIYU_LOG_LEVEL: 'silent',
      SIYU_SANDBOX: 'false',
      SIYU_WORKERS: workers,
      SIYU_SECRET_KEY: 'runtime-test-secret-key-0123456789abcdef',
    });

  it('starts workers with the server, and stop() releases a job still running', async () => {
    const runtime = await openRuntime(config('2'), { shutdownGraceMs: 300 });
    const done: string[] = [];
    runtime.jobs.registry.register('runtime.quick', {
      handler: async (payload: { n: number }) => {
        done.push(`quick ${payload.n}`);
      },
    });
    let stuckStarted = false;
    runtime.jobs.registry.register('runtime.stuck', {
      handler: () => {
        stuckStarted = true;
        return new Promise(() => {});
      },
    });
    const server = await startServer(runtime);
    await runtime.jobs.enqueue(runtime.database.db, { queue: 'runtime.quick', payload: { n: 1 } });
    const stuck = await runtime.jobs.enqueue(runtime.database.db, {
      queue: 'runtime.stuck',
      payload: {},
    });
    while (done.length === 0 || !stuckStarted) await sleep(10);
    // The counter moves once the job's completion is stored, a moment after its handler ran.
    const processed = 'siyu_jobs_processed_total{outcome="succeeded",queue="runtime.quick"} 1';
    const scrape = () => fetch(`${server.url}/metrics`).then((r) => r.text());
    let metrics = await scrape();
    for (let i = 0; i < 200 && !metrics.includes(processed); i++) {
      await sleep(10);
      metrics = await scrape();
    }
    expect(metrics).toContain(processed);
    expect(metrics).toContain('siyu_jobs{status="running"} 1');

    // stop() waits the grace period for the stuck job, then hands it back.
    await server.stop();
    expect(await findJob(database.db, stuck.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      locked_by: null,
    });
  });

  it('runs no poller when workers are off, but still dispatches immediate jobs', async () => {
    const runtime = await openRuntime(config('0'));
    const ran: string[] = [];
    runtime.jobs.registry.register('runtime.job', {
      handler: async (payload: { kind: string }) => {
        ran.push(payload.kind);
      },
    });
    const server = await startServer(runtime);
    await runtime.jobs.enqueue(runtime.database.db, {
      queue: 'runtime.job',
      payload: { kind: 'polled' },
    });
    const urgent = await runtime.jobs.transaction((trx) =>
      runtime.jobs.enqueue(trx, {
        queue: 'runtime.job',
        payload: { kind: 'immediate' },
        immediate: true,
      }),
    );
    while (ran.length === 0) await sleep(10);
    await sleep(300);
    expect(ran).toEqual(['immediate']);
    expect(await findJob(database.db, urgent.id)).toMatchObject({ status: 'succeeded' });
    await server.stop();
  });
});
