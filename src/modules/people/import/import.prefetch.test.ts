import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../../testing/sandboxed-app.js';
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

describe('an import with pages fetched ahead', () => {
  let t: SandboxedTestApp;
  beforeAll(async () => {
    t = await createSandboxedTestApp();
    const res = await t.control('POST', '/sandbox/seed-customers', {
      customers: 250,
      employees: 9,
      sharedEvery: 7,
    });
    expect(res.status).toBe(200);
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
    const deps: ImportDeps = {
      db: t.database.db,
      clock: t.clock,
      jobs: t.jobs,
      clients: t.clients,
      sources: wecomImportSources({ ...ctx, secretBox: t.secretBox }),
      prefetch,
      pagesPerStep: 2,
    };

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
