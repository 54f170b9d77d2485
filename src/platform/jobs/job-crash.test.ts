import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { JobQueue } from './job-queue.js';
import { findJob } from './jobs.store.js';
import type { WorkerProcessOptions } from './testing/worker-process.js';

const script = fileURLToPath(new URL('./testing/worker-process.ts', import.meta.url));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a worker process killed mid-job', () => {
  let database: TestDatabase;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-crash-'));
  });
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function startWorker(): ChildProcess {
    const options: WorkerProcessOptions = {
      database: database.config,
      searchPath: database.searchPath,
      leaseMs: 3000,
      dir,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  const readMarker = (id: string, attempt: number) => {
    const file = path.join(dir, `started-${id}-${attempt}`);
    return fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; at: number })
      : undefined;
  };

  it('runs the job again after its lease expires, and completes it exactly once', async () => {
    const queue = new JobQueue({ db: database.db, dialect: database.dialect });
    const { id } = await queue.enqueue(database.db, {
      queue: 'test.effect',
      payload: { hangOnAttempt: 1 },
    });

    const first = startWorker();
    const firstRun = await waitFor('the first attempt to start', () => readMarker(id, 1));
    expect(firstRun.pid).toBe(first.pid);
    const held = (await findJob(database.db, id))!;
    expect(held).toMatchObject({ status: 'running', attempts: 1 });
    expect(held.locked_by).toContain(`:${first.pid}:`);

    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    expect(await exited).toBe(null);

    const second = startWorker();
    const secondRun = await waitFor('the second attempt to start', () => readMarker(id, 2));
    expect(secondRun.pid).toBe(second.pid);
    expect(secondRun.at).toBeGreaterThanOrEqual(held.locked_until!);
    const done = await waitFor('the job to succeed', async () => {
      const job = await findJob(database.db, id);
      return job?.status === 'succeeded' ? job : undefined;
    });
    expect(done).toMatchObject({ attempts: 2, locked_by: null, last_error: null });
    expect(fs.readFileSync(path.join(dir, 'completed.log'), 'utf8')).toBe(`${id}\n`);

    const stopped = new Promise((resolve) => second.once('exit', resolve));
    second.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
