import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../../testing/sandboxed-app.js';
import { signedInAs, type SessionClient } from '../../workspace/workspace.testing.js';
import {
  expectEverythingImported,
  getRun,
  importedFollows,
  nextStepJob,
  runNextStep,
  sandboxFollows,
  startImport,
} from './import.testing.js';

const batchPath = '/cgi-bin/externalcontact/batch/get_by_user';

/**
 * The demo corp with more customers (250 by default) over 9 employees (2 created), every 7th
 * with two; remarks, states, tags. And a signed-in admin.
 */
async function sandboxWithCustomers(customers = 250) {
  const t = await createSandboxedTestApp();
  const admin = await signedInAs(t, 'admin');
  const res = await t.control('POST', '/sandbox/seed-customers', {
    customers,
    employees: 9,
    sharedEvery: 7,
  });
  expect(res.status).toBe(200);
  return { t, admin };
}

describe('WeCom import through the sandbox', () => {
  let t: SandboxedTestApp;
  let admin: SessionClient & { user: { email: string } };
  beforeAll(async () => {
    ({ t, admin } = await sandboxWithCustomers());
  });
  afterAll(() => t.close());

  it('pulls employees, tags, customers and follows (remarks, states, tags, unionid)', async () => {
    const started = await startImport(admin);
    expect(started.status).toBe(201);
    expect(started.run).toMatchObject({
      status: 'queued',
      phase: 'employees',
      startedBy: admin.user.email,
    });
    // One active run per workspace: starting again answers with it.
    const again = await startImport(admin);
    expect(again).toMatchObject({ status: 200, run: { id: started.run.id } });

    await t.settle();
    const run = await getRun(admin, started.run.id);
    const expected = sandboxFollows(t);
    expect(run).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      lastError: null,
      counts: {
        employees: 10,
        tags: 4,
        contacts: expected.length,
        follows: expected.length,
        errors: 0,
      },
      progress: { employeesDone: 9, employeesTotal: 9, fraction: 1, etaSeconds: null },
    });
    expect(run.counts.personsCreated).toBe(new Set(expected.map((f) => f.external)).size);
    expect(run.finishedAt).not.toBeNull();
    await expectEverythingImported(t);

    const db = t.database.db;
    const employees = await db
      .selectFrom('employee')
      .select('user_id')
      .where('workspace_id', '=', t.workspace.id)
      .execute();
    expect(employees.map((e) => e.user_id)).toEqual(
      expect.arrayContaining(['zhangwei', 'sales0002']),
    );
    expect(employees).toHaveLength(10);
    // The employees' corp tags became the customers' tags.
    const tagged = await db
      .selectFrom('person_tag')
      .innerJoin('tag', 'tag.id', 'person_tag.tag_id')
      .select(['tag.name'])
      .where('person_tag.workspace_id', '=', t.workspace.id)
      .where('person_tag.shadowed', '=', 0)
      .execute();
    expect(new Set(tagged.map((r) => r.name))).toEqual(new Set(['VIP', '普通', '线下', '线上']));

    const list = await admin.inject({ method: 'GET', url: '/api/workspaces/default/imports' });
    expect(list.json()).toMatchObject({ items: [{ id: run.id, status: 'succeeded' }] });
    // A second import finds everything in place: no new persons or follows.
    const second = await startImport(admin);
    expect(second.status).toBe(201);
    await t.settle();
    expect(await getRun(admin, second.run.id)).toMatchObject({
      status: 'succeeded',
      counts: { personsCreated: 0, merged: 0, contacts: expected.length },
    });
    await expectEverythingImported(t);
  });

  it('needs connections.manage to start or cancel and customers.read to watch; 409 without WeCom', async () => {
    const operator = await signedInAs(t, 'operator');
    expect((await startImport(operator)).status).toBe(403);
    const runs = await operator.inject({ method: 'GET', url: '/api/workspaces/default/imports' });
    expect(runs.statusCode).toBe(200);
    const elsewhere = await signedInAs(t, 'admin', 'elsewhere');
    const res = await startImport(elsewhere, 'elsewhere');
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.run)).toContain('no active WeCom corp connection');
  });

  it('cancels a run: it stops where it is, and a new one can start', async () => {
    const { run } = await startImport(admin);
    expect(await runNextStep(t, run.id)).toBe('succeeded');
    const cancel = await admin.inject({
      method: 'POST',
      url: `/api/workspaces/default/imports/${run.id}/cancel`,
    });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', phase: 'tags' });
    await t.settle();
    expect(await getRun(admin, run.id)).toMatchObject({ status: 'cancelled', phase: 'tags' });
    const again = await admin.inject({
      method: 'POST',
      url: `/api/workspaces/default/imports/${run.id}/cancel`,
    });
    expect(again.statusCode).toBe(409);
    const next = await startImport(admin);
    expect(next.status).toBe(201);
    expect(next.run.id).not.toBe(run.id);
    await t.settle();
  });

  it('fails with the platform error when WeCom refuses for good', async () => {
    await t.control('PUT', '/sandbox/faults', {
      api: [{ path: batchPath, errcode: 48002, rate: 1 }],
    });
    try {
      const { run } = await startImport(admin);
      await t.settle();
      const failed = await getRun(admin, run.id);
      expect(failed).toMatchObject({ status: 'failed', phase: 'contacts', counts: { errors: 1 } });
      expect(failed.lastError).toContain('48002');
      expect(await nextStepJob(t, run.id)).toBeUndefined();
    } finally {
      await t.control('PUT', '/sandbox/faults', { api: [] });
    }
  });
});

describe('an interrupted WeCom import', () => {
  let t: SandboxedTestApp;
  let admin: SessionClient & { user: { email: string } };
  beforeAll(async () => {
    // About 2,520 customer records: three steps of up to ten pages of 100.
    ({ t, admin } = await sandboxWithCustomers(2_200));
  });
  afterAll(() => t.close());

  it('resumes where it stopped after errors and a dead worker, with no duplicates', async () => {
    const { run } = await startImport(admin);
    // employees, tags, the follow-user list, a step of ten pages of customers.
    for (let i = 0; i < 4; i += 1) expect(await runNextStep(t, run.id)).toBe('succeeded');
    const midway = await getRun(admin, run.id);
    expect(midway).toMatchObject({
      status: 'running',
      phase: 'contacts',
      counts: { contacts: 1_000 },
    });
    // The first ten pages are written, with the cursor after them. On PostgreSQL the next
    // step's ten pages are fetched and written ahead (in a transaction of their own), and may
    // have landed already; nothing else is.
    const written = (await importedFollows(t)).length;
    expect(t.database.dialect === 'postgres' ? [1_000, 2_000] : [1_000]).toContain(written);
    expect(midway.progress.fraction).toBeGreaterThan(0);
    expect(midway.progress.fraction).toBeLessThan(1);

    // WeCom is busy: a page fails, is recorded, and waits for its retry. (The page after the
    // last one written may have been fetched ahead before the fault: that step succeeds.)
    await t.control('PUT', '/sandbox/faults', { api: [{ path: batchPath, errcode: -1, rate: 1 }] });
    let outcome = await runNextStep(t, run.id);
    if (outcome === 'succeeded') outcome = await runNextStep(t, run.id);
    expect(outcome).toBe('retried');
    expect(await getRun(admin, run.id)).toMatchObject({
      status: 'running',
      counts: { contacts: expect.any(Number), errors: 1 },
    });
    await t.control('PUT', '/sandbox/faults', { api: [] });

    // A worker claims the retry and dies mid-page: its lease runs out.
    const job = (await nextStepJob(t, run.id))!;
    await t.database.db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'dead-worker', locked_until: t.clock.now() - 1 })
      .where('id', '=', job.id)
      .execute();
    t.clock.advance(60 * 60_000);
    await t.settle();

    // A page job delivered twice does nothing the second time.
    const done = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('key', '=', `import:${run.id}:4`)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: t.clock.now() })
      .where('id', '=', done.id)
      .execute();
    await t.settle();

    const expected = sandboxFollows(t);
    expect(await getRun(admin, run.id)).toMatchObject({
      status: 'succeeded',
      counts: { contacts: expected.length, follows: expected.length, errors: 1 },
    });
    await expectEverythingImported(t);
  });
});
