import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../../testing/sandboxed-app.js';
import type { PeopleContext } from '../people.context.js';
import { tagSyncFixture } from '../wecom-tags.testing.js';
import { cursorOf } from './import-run.mapping.js';
import { activeImportStatuses, type ImportRunRow } from './import-run.table.js';
import { findImportRun } from './import-run.store.js';
import { runImportStep } from './import.jobs.js';
import { PagePrefetcher, type ContactPage } from './import.prefetch.js';
import type { ImportRun } from './import-run.schemas.js';
import type { ImportDeps } from './import.sources.js';
import type { Client } from '../../workspace/workspace.testing.js';
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

/** The run succeeded, counting every follow of the sandbox once, and Siyu holds them all. */
async function expectSucceeded(
  t: SandboxedTestApp,
  admin: Client,
  runId: string,
  counts: Partial<ImportRun['counts']> = {},
): Promise<void> {
  const follows = sandboxFollows(t);
  expect(await getRun(admin, runId)).toMatchObject({
    status: 'succeeded',
    counts: { contacts: follows.length, follows: follows.length, errors: 0, ...counts },
  });
  await t.settle();
  await expectEverythingImported(t);
}

/** Runs the import's steps one after the other, as the job queue would, with hooks around each. */
async function stepThrough(
  t: SandboxedTestApp,
  deps: ImportDeps,
  runId: string,
  hooks: { before?: () => void; after?: (row: ImportRunRow) => Promise<void> } = {},
): Promise<void> {
  for (;;) {
    const row = (await findImportRun(t.database.db, t.workspace.id, runId))!;
    if (!activeImportStatuses.includes(row.status)) return;
    hooks.before?.();
    await runImportStep(
      deps,
      { workspaceId: t.workspace.id, runId, step: row.step },
      { attempt: 1, maxAttempts: 5 },
    );
    await hooks.after?.(row);
  }
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
    let before = 0;
    await stepThrough(t, deps, run.id, {
      before: () => (before = requested.length),
      after: async (row) => {
        // Not a step of pages: employees, tags, the follow-user list.
        if (row.phase !== 'contacts' || cursorOf(row).userIds === null) return;
        contactsWritten.push((await getRun(admin, run.id)).counts.contacts);
        // The first step reads its two pages and starts the next step's first; every later
        // step finds its pages read ahead and asks for at most the next step's two.
        if (contactsWritten.length === 1) expect(requested).toHaveLength(3);
        else expect(requested.length - before).toBeLessThanOrEqual(2);
      },
    });
    const follows = sandboxFollows(t);
    // Two pages of 100 written per step, the last step what remains.
    expect(contactsWritten).toEqual([200, follows.length]);
    const pages = Math.ceil(follows.length / 100);
    expect(pages).toBeGreaterThan(2);
    expect(requested).toHaveLength(pages);
    expect(new Set(requested).size).toBe(pages);
    expect(prefetch.size).toBe(0);
    await expectSucceeded(t, admin, run.id);
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
    await stepThrough(t, deps, run.id, {
      before: () => (current = []),
      after: () => {
        if (current.length > 0) steps.push(current);
        return Promise.resolve();
      },
    });
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
    await expectSucceeded(t, admin, run.id);
  });
});

const stepsOfTwoPages = (customers: number) => Math.ceil(Math.ceil(customers / 100) / 2);

/** The deps with their contact writes counted (customers per write) and, when asked, failed. */
function countingWrites(deps: ImportDeps, failWrite?: number) {
  const writes: number[] = [];
  const writeContacts = deps.sources.writeContacts;
  deps.sources.writeContacts = async (trx, input) => {
    writes.push(input.items.length);
    if (writes.length === failWrite) throw new Error('deadlock detected');
    return writeContacts(trx, input);
  };
  return writes;
}

describe('an import writing the pages fetched ahead', () => {
  let t: SandboxedTestApp;
  beforeAll(async () => {
    t = await sandboxWithCustomers(450);
  });
  afterAll(() => t.close());

  it('writes each page once, ahead of its step, and counts them as the steps advance', async () => {
    const { ctx, api: admin } = await tagSyncFixture(t);
    const { run } = await startImport(admin);
    const prefetch = new PagePrefetcher();
    const deps = {
      ...stepDeps(t, ctx, { prefetch, stepLimits: { pages: 2, tagIds: 10_000 } }),
      writeAhead: true,
    };
    const writes = countingWrites(deps);
    await stepThrough(t, deps, run.id);
    const follows = sandboxFollows(t);
    expect(writes.length).toBe(stepsOfTwoPages(follows.length));
    expect(writes.reduce((a, b) => a + b, 0)).toBe(follows.length);
    await expectSucceeded(t, admin, run.id, {
      personsCreated: new Set(follows.map((f) => f.external)).size,
    });
  });
});

describe('an import whose write ahead fails', () => {
  let t: SandboxedTestApp;
  beforeAll(async () => {
    t = await sandboxWithCustomers(450);
  });
  afterAll(() => t.close());

  it('writes those pages in their own step instead, missing nothing', async () => {
    const { ctx, api: admin } = await tagSyncFixture(t);
    const { run } = await startImport(admin);
    const deps = {
      ...stepDeps(t, ctx, {
        prefetch: new PagePrefetcher(),
        stepLimits: { pages: 2, tagIds: 10_000 },
      }),
      writeAhead: true,
    };
    // The first step writes its pages itself; the second write is the first made ahead.
    const writes = countingWrites(deps, 2);
    await stepThrough(t, deps, run.id);
    const follows = sandboxFollows(t);
    expect(writes.length).toBe(stepsOfTwoPages(follows.length) + 1);
    expect(writes[2]).toBe(writes[1]);
    await expectSucceeded(t, admin, run.id);
  });
});
