import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { PermanentJobError } from '../platform/jobs/job.js';
import { JobQueue } from '../platform/jobs/job-queue.js';
import { findJob } from '../platform/jobs/jobs.store.js';
import { testDatabaseUrlOf } from '../platform/jobs/testing/database-url.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { jobsCommands } from './jobs.command.js';
import { runCli } from './run.js';

describe('siyu jobs', () => {
  let database: TestDatabase;
  let url: string;
  const ids: Record<string, string> = {};

  async function siyu(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(jobsCommands, [...argv, '--database-url', url], {
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    url = testDatabaseUrlOf(database);
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 9));
    const queue = new JobQueue({ db: database.db, dialect: database.dialect, clock });
    queue.registry.register('wecom.send_welcome', {
      handler: async () => {
        throw new PermanentJobError('errcode 41001: access_token missing');
      },
    });
    queue.registry.register('people.merge', { handler: async () => {} });
    ids.dead = (
      await queue.enqueue(database.db, { queue: 'wecom.send_welcome', payload: { to: 'wm1' } })
    ).id;
    ids.done = (await queue.enqueue(database.db, { queue: 'people.merge', payload: {} })).id;
    await queue.drain();
    clock.advance(1000);
    ids.pending = (
      await queue.enqueue(database.db, {
        queue: 'people.merge',
        payload: { a: 1 },
        runAt: clock.now() + 3600_000,
      })
    ).id;
  });
  afterAll(() => database.close());

  it('lists jobs as a table, filtered by status and queue', async () => {
    const all = await siyu('jobs', 'list');
    expect(all.code).toBe(0);
    const lines = all.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+QUEUE\s+STATUS\s+ATTEMPTS\s+RUN AT\s+LAST ERROR$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(ids.pending);

    const dead = await siyu('jobs', 'list', '--status', 'dead');
    expect(dead.stdout.split('\n')).toHaveLength(2);
    expect(dead.stdout).toContain(ids.dead);
    expect(dead.stdout).toMatch(
      /wecom\.send_welcome\s+dead\s+1\/10\s+2026-11-25T09:00:00\.000Z\s+PermanentJobError: errcode 41001/,
    );

    const byQueue = await siyu('jobs', 'list', '--queue', 'people.merge', '--limit', '1');
    expect(byQueue.stdout.split('\n')).toHaveLength(2);
    expect(byQueue.stdout).toContain(ids.pending);
    expect((await siyu('jobs', 'list', '--queue', 'nope')).stdout).toBe('No jobs.');
  });

  it('rejects a bad status or limit with a clear message and exit code 2', async () => {
    const bad = await siyu('jobs', 'list', '--status', 'failed');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--status must be one of pending, running, succeeded, dead, cancelled (got "failed")',
    );
    expect(bad.stderr).toContain('Usage: siyu jobs list');
    expect((await siyu('jobs', 'list', '--limit', 'ten')).code).toBe(2);
    expect((await siyu('jobs', 'retry')).code).toBe(2);
  });

  it('shows help for each jobs command', async () => {
    for (const verb of ['list', 'show', 'retry', 'cancel']) {
      const help = await siyu('jobs', verb, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: siyu jobs ${verb}`);
    }
  });

  it('shows one job with its payload and full last error', async () => {
    const shown = await siyu('jobs', 'show', ids.dead!);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('status:       dead');
    expect(shown.stdout).toContain('"to": "wm1"');
    expect(shown.stdout).toMatch(
      /last error:\n {2}PermanentJobError: errcode 41001: access_token missing\n\s+at /,
    );
    const missing = await siyu('jobs', 'show', 'no-such-id');
    expect(missing).toMatchObject({ code: 1, stderr: 'Job no-such-id not found.' });
  });

  it('retries a dead job: pending again with attempts reset and the error cleared', async () => {
    const retried = await siyu('jobs', 'retry', ids.dead!);
    expect(retried).toMatchObject({ code: 0, stdout: `Job ${ids.dead} retried: pending again.` });
    expect(await findJob(database.db, ids.dead!)).toMatchObject({
      status: 'pending',
      attempts: 0,
      last_error: null,
      finished_at: null,
    });
    const again = await siyu('jobs', 'retry', ids.done!);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `Job ${ids.done} is succeeded; only dead or cancelled jobs can be retried.`,
    );
  });

  it('cancels a pending job', async () => {
    expect((await siyu('jobs', 'cancel', ids.pending!)).code).toBe(0);
    expect(await findJob(database.db, ids.pending!)).toMatchObject({ status: 'cancelled' });
    expect((await siyu('jobs', 'cancel', ids.pending!)).code).toBe(1);
  });

  it('is registered in the siyu command', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'jobs', 'list', '--status', 'succeeded'],
      { env: { ...process.env, SIYU_DATABASE_URL: url } },
    );
    expect(stdout).toContain(ids.done);
    expect(stdout).toContain('people.merge');
  });
});
