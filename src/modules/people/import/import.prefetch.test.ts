import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../../testing/sandboxed-app.js';
import type { PeopleContext } from '../people.context.js';
import { tagSyncFixture } from '../wecom-tags.testing.js';
import { cursorOf } from './import-run.mapping.js';
import { activeImportStatuses } from './import-run.table.js';
import { findImportRun } from './import-run.store.js';
import { runImportStep } from './import.jobs.js';
import { PagePrefetcher, type ContactPage } from './import.prefetch.js';
import type { ImportDeps } from './import.sources.js';
import { expectEverythingImported, getRun, sandboxFollows, startImport } from './import.testing.js';
import { wecomImportSources } from './import.wiring.js';

const emptyPage = (nextCursor: string | null): ContactPage => ({ items: [], nextCursor });

describe('PagePrefetcher', () => {
  it('hands a page fetched ahead to the step whose cursor it is, once', async () => {
    const prefetch = new PagePrefetcher<ContactPage>();
    prefetch.start('run-1', 'page-2', () => Promise.resolve(emptyPage('c3')));
    prefetch.start('run-2', 'page-9', () => Promise.resolve(emptyPage(null)));
    expect(prefetch.take('run-1', 'page-3')).toBeUndefined();
    // A wrong cursor uses the run's entry up (the step fetches its own page).
    expect(prefetch.take('run-1', 'page-2')).toBeUndefined();
    expect(await prefetch.take('run-2', 'page-9')).toEqual(emptyPage(null));
    expect(prefetch.take('run-2', 'page-9')).toBeUndefined();
    expect(prefetch.size).toBe(0);
  });

  it('reports a failed fetch to the step that takes it, and nothing otherwise', async () => {
    const prefetch = new PagePrefetcher<ContactPage>();
    prefetch.start('run-1', 'page-2', () => Promise.reject(new Error('WeCom is busy')));
    await expect(prefetch.take('run-1', 'page-2')).rejects.toThrow('WeCom is busy');
    // Replaced or never taken: no unhandled rejection.
    prefetch.start('run-1', 'page-3', () => Promise.reject(new Error('dropped')));
    prefetch.start('run-1', 'page-3', () => Promise.resolve(emptyPage(null)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await prefetch.take('run-1', 'page-3')).toEqual(emptyPage(null));
  });

  it('drops pages fetched ahead too long ago', () => {
    let now = 0;
    const prefetch = new PagePrefetcher<ContactPage>(() => now, 1_000);
    prefetch.start('run-1', 'page-2', () => Promise.resolve(emptyPage(null)));
    now = 1_001;
    expect(prefetch.take('run-1', 'page-2')).toBeUndefined();
    prefetch.start('run-1', 'page-2', () => Promise.resolve(emptyPage(null)));
    now = 2_500;
    prefetch.start('run-2', 'page-2', () => Promise.resolve(emptyPage(null)));
    expect(prefetch.size).toBe(1);
  });
});

/** A sandbox corp with `customers` more customers over 9 employees, every 7th with two. */
async function sandboxWithCustomers(customers: number): Promise<SandboxedTestApp> {
  const t = await createSandboxedTestApp();
  const res = await t.control('POST', '/sandbox/seed-customers', {
    customers,
    employees: 9,
    sharedEvery: 7,
  });
  expect(res.status).toBe(200);
  return t;
}

/** What the job handler is given, with the step's pages ahead or limits of a test. */
function stepDeps(
  t: SandboxedTestApp,
  ctx: PeopleContext,
  extra: Pick<ImportDeps, 'prefetch' | 'stepLimits'>,
): ImportDeps {
  return {
    db: t.database.db,
    clock: t.clock,
    jobs: t.jobs,
    clients: t.clients,
    sources: wecomImportSources({ ...ctx, secretBox: t.secretBox }),
    ...extra,
  };
}

describe('an import with pages fetched ahead', () => {
  let t: SandboxedTestApp;
  beforeAll(async () => {
    t = await sandboxWithCustomers(250);
  });
  afterAll(() => t.close());

  it("requests each page once: a step reads its pages, the next step's while it writes", async () => {
    const { ctx, api: admin, wecom: client } = await tagSyncFixture(t);
    const { run } = await startImport(admin);
    const requested: (string | undefined)[] = [];
    const batchGetByUser = client.externalContacts.batchGetByUser;
    client.externalContacts.batchGetByUser = (query) => {
      requested.push(query.cursor);
      return batchGetByUser(query);
    };
    const prefetch = new PagePrefetcher();
    const deps = stepDeps(t, ctx, { prefetch, stepLimits: { pages: 2, tagIds: 10_000 } });

    const contactsWritten: number[] = [];
    for (;;) {
      const row = (await findImportRun(t.database.db, t.workspace.id, run.id))!;
      if (!activeImportStatuses.includes(row.status)) break;
      const before = requested.length;
      await runImportStep(
        deps,
        { workspaceId: t.workspace.id, runId: run.id, step: row.step },
        { attempt: 1, maxAttempts: 5 },
      );
      // Not a step of pages: employees, tags, the follow-user list.
      if (row.phase !== 'contacts' || cursorOf(row).userIds === null) continue;
      contactsWritten.push((await getRun(admin, run.id)).counts.contacts);
      // The first step reads its two pages and starts the next step's first; every later
      // step finds its pages read ahead and asks for at most the next step's two.
      if (contactsWritten.length === 1) expect(requested).toHaveLength(3);
      else expect(requested.length - before).toBeLessThanOrEqual(2);
    }
    const follows = sandboxFollows(t);
    // Two pages of 100 written per step, the last step what remains.
    expect(contactsWritten).toEqual([200, follows.length]);
    const pages = Math.ceil(follows.length / 100);
    expect(pages).toBeGreaterThan(2);
    expect(requested).toHaveLength(pages);
    expect(new Set(requested).size).toBe(pages);
    expect(prefetch.size).toBe(0);
    expect(await getRun(admin, run.id)).toMatchObject({
      status: 'succeeded',
      counts: { contacts: follows.length, follows: follows.length, errors: 0 },
    });
    await t.settle();
    await expectEverythingImported(t);
  });
});

describe('a step of pages heavy with tags', () => {
  let t: SandboxedTestApp;
  beforeAll(async () => {
    t = await sandboxWithCustomers(700);
  });
  afterAll(() => t.close());

  it("ends once its pages carry the step's tag ids, after a first page whatever it carries", async () => {
    const { ctx, api: admin, wecom: client } = await tagSyncFixture(t);
    const { run } = await startImport(admin);
    const limits = { pages: 5, tagIds: 150 };
    // Tag ids on each page read, grouped by the step that read it (no pages read ahead).
    const steps: number[][] = [];
    let current: number[] = [];
    const batchGetByUser = client.externalContacts.batchGetByUser;
    client.externalContacts.batchGetByUser = async (query) => {
      const page = await batchGetByUser(query);
      current.push(page.items.reduce((n, i) => n + i.followInfo.tagIds.length, 0));
      return page;
    };
    const deps = stepDeps(t, ctx, { stepLimits: limits });
    for (;;) {
      const row = (await findImportRun(t.database.db, t.workspace.id, run.id))!;
      if (!activeImportStatuses.includes(row.status)) break;
      current = [];
      await runImportStep(
        deps,
        { workspaceId: t.workspace.id, runId: run.id, step: row.step },
        { attempt: 1, maxAttempts: 5 },
      );
      if (current.length > 0) steps.push(current);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const follows = sandboxFollows(t);
    expect(sum(follows.map((f) => f.tagIds.length))).toBeGreaterThan(limits.tagIds * 2);
    expect(steps.flat()).toHaveLength(Math.ceil(follows.length / 100));
    expect(steps.length).toBeGreaterThan(1);
    for (const [i, pages] of steps.entries()) {
      expect(pages.length).toBeLessThanOrEqual(limits.pages);
      // Short of the limit before its last page…
      expect(sum(pages.slice(0, -1))).toBeLessThan(limits.tagIds);
      // …and, but for the run's last step, at it with the last (or `limits.pages` long).
      if (i < steps.length - 1)
        expect(sum(pages) >= limits.tagIds || pages.length === limits.pages).toBe(true);
    }
    expect(await getRun(admin, run.id)).toMatchObject({
      status: 'succeeded',
      counts: { contacts: follows.length, follows: follows.length, errors: 0 },
    });
    await t.settle();
    await expectEverythingImported(t);
  });
});
