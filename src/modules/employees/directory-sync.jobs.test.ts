import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import {
  directorySyncIntervalMs,
  directorySyncQueue,
  scheduleConnectedWorkspaces,
  scheduleDirectorySync,
} from './directory-sync.jobs.js';
import { syncDirectory } from './directory-sync.service.js';
import { findEmployeeByUserId } from './employee.store.js';
import { seedWorkspace } from '../workspace/workspace.testing.js';

/** The periodic re-sync: a durable job per workspace and 6-hour slot, driven by the manual clock. */
describe('periodic directory sync', () => {
  let t: SandboxedTestApp;

  beforeEach(async () => {
    t = await createSandboxedTestApp();
    // A slot boundary plus a little, so "the next slot" is unambiguous.
    t.clock.set(
      Math.ceil(t.clock.now() / directorySyncIntervalMs) * directorySyncIntervalMs + 1000,
    );
  });
  afterEach(() => t.close());

  const scheduled = () =>
    t.database.db
      .selectFrom('jobs')
      .select(['workspace_id', 'run_at', 'status', 'key'])
      .where('queue', '=', directorySyncQueue)
      .orderBy('run_at')
      .execute();
  const ctx = () => ({
    db: t.database.db,
    clock: t.clock,
    secretBox: t.secretBox,
    clients: t.clients,
    jobs: t.jobs,
  });

  it('schedules the next slot after a sync, re-syncs then, and keeps going', async () => {
    const start = t.clock.now();
    await syncDirectory(ctx(), t.workspace.id);
    await syncDirectory(ctx(), t.workspace.id); // the same slot: still one job
    const slot1 = start - 1000 + directorySyncIntervalMs;
    expect(await scheduled()).toEqual([
      expect.objectContaining({ workspace_id: t.workspace.id, run_at: slot1, status: 'pending' }),
    ]);

    // The corp stops pushing callbacks (receiver removed); then an employee leaves.
    const corpId = (await t.clients.requireWecom(t.workspace.id)).corpId;
    const removed = await t.control('DELETE', `/sandbox/receivers/wecom:${corpId}`);
    expect(removed.status).toBe(200);
    await t.control('POST', '/sandbox/employees/chenjie/leave', {});
    await t.settle();
    const employee = () => findEmployeeByUserId(t.database.db, t.workspace.id, corpId, 'chenjie');
    expect(await employee()).toMatchObject({ status: 'active' });

    expect(await t.jobs.drain()).toBe(0); // not due yet
    t.clock.set(slot1);
    await t.jobs.drain();
    expect(await employee()).toMatchObject({
      status: 'resigned',
      resigned_at: slot1,
      synced_at: slot1,
    });
    expect((await scheduled()).map((j) => [j.run_at, j.status])).toEqual([
      [slot1, 'succeeded'],
      [slot1 + directorySyncIntervalMs, 'pending'],
    ]);
  });

  it('is started for every workspace with a WeCom connection, once', async () => {
    await seedWorkspace(t, 'no-wecom');
    await scheduleConnectedWorkspaces(ctx());
    await scheduleConnectedWorkspaces(ctx());
    expect((await scheduled()).map((j) => j.workspace_id)).toEqual([t.workspace.id]);
  });

  it('stops for a workspace that no longer has a WeCom connection', async () => {
    const other = await seedWorkspace(t, 'no-wecom');
    await scheduleDirectorySync(t.database.db, t.jobs, other.id, t.clock.now());
    t.clock.advance(directorySyncIntervalMs);
    await t.jobs.drain();
    expect((await scheduled()).map((j) => [j.workspace_id, j.status])).toEqual([
      [other.id, 'succeeded'],
    ]);
  });
});
