import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../database.js';
import type { EnqueueOptions } from '../../../platform/jobs/job-queue.js';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { seedConnection, vector, wecomInput } from '../connections.testing.js';
import { addExternalContact, vectorCrypt as crypt } from './wecom.testing.js';

/** An add_external_contact callback for its own customer. */
const added = (externalUserId: string) =>
  addExternalContact.replace('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA', externalUserId);

/** Callbacks arriving together: stored in shared transactions, each answered after commit. */
describe('callback intake under concurrent callbacks', () => {
  let t: TestApp;

  const post = (plaintext: string) => {
    const { body, query } = crypt.sealCallback(plaintext, {
      toUserName: vector.corpId,
      agentId: '1000002',
    });
    return t.app.inject({
      method: 'POST',
      url: `/callbacks/default/wecom?${new URLSearchParams(query).toString()}`,
      headers: { 'content-type': 'text/xml' },
      payload: body,
    });
  };
  const count = async (table: 'inbound_callback' | 'domain_event' | 'jobs') =>
    table === 'jobs'
      ? // Deliveries to this test's subscriber (the app's modules subscribe to contact.* too).
        (
          await t.database.db
            .selectFrom('jobs')
            .select('id')
            .where('queue', '=', 'event.test.contacts')
            .execute()
        ).length
      : (await t.database.db.selectFrom(table).select('id').execute()).length;
  const accepted = (outcome: string) =>
    t.metrics.counter('siyu_callbacks_accepted_total', '').get({ channel: 'wecom', outcome });

  beforeEach(async () => {
    t = await createTestApp();
    t.bus.subscribe('contact.added', 'test.contacts', async () => {});
    await seedConnection(t, wecomInput);
  });
  afterEach(() => t.close());

  it('stores each of many simultaneous callbacks once, re-deliveries included, in fewer transactions', async () => {
    const transactions = vi.spyOn(t.jobs, 'transaction');
    const customers = Array.from({ length: 30 }, (_, i) => `wmCustomer${i}`);
    // The platform re-delivers the first five (fresh seal) while the originals are in flight.
    const plaintexts = [...customers, ...customers.slice(0, 5)].map(added);
    const answers = await Promise.all(plaintexts.map(post));

    expect(answers.map((a) => `${a.statusCode} ${a.body}`)).toEqual(
      plaintexts.map(() => '200 success'),
    );
    expect([await count('inbound_callback'), await count('domain_event')]).toEqual([30, 0]);
    const dispatches = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('queue', '=', 'callbacks.dispatch')
      .execute();
    expect(dispatches.flatMap((d) => JSON.parse(d.payload).ids as string[])).toHaveLength(30);
    expect(dispatches.length).toBeLessThan(30);

    await t.jobs.drain();
    expect([
      await count('inbound_callback'),
      await count('domain_event'),
      await count('jobs'),
    ]).toEqual([30, 30, 30]);
    const events = await t.database.db.selectFrom('domain_event').select('data').execute();
    expect(new Set(events.map((e) => JSON.parse(e.data).externalUserId))).toEqual(
      new Set(customers),
    );
    expect([accepted('handled'), accepted('duplicate')]).toEqual([30, 5]);
    expect(transactions.mock.calls.length).toBeLessThan(plaintexts.length);
  });

  it('fails only the callback whose storing fails, not the others sharing its transaction', async () => {
    const enqueueMany = t.jobs.enqueueMany.bind(t.jobs);
    const dispatchedIds = (jobs: readonly EnqueueOptions[]) =>
      jobs.flatMap((job) =>
        job.queue === 'callbacks.dispatch' ? (job.payload as { ids: string[] }).ids : [],
      );
    // The write of wmBroken's callback fails (as a full disk would), alone or in company.
    const spy = vi.spyOn(t.jobs, 'enqueueMany').mockImplementation(async (db, jobs) => {
      const ids = dispatchedIds(jobs);
      const stored =
        ids.length === 0
          ? []
          : await (db as Kysely<Database>)
              .selectFrom('inbound_callback')
              .select('plaintext')
              .where('id', 'in', ids)
              .execute();
      if (stored.some((row) => row.plaintext.includes('[wmBroken]'))) throw new Error('disk full');
      return enqueueMany(db, jobs);
    });
    const names = ['wmAlpha', 'wmBravo', 'wmBroken', 'wmCharlie', 'wmDelta'];
    const answers = await Promise.all(names.map((name) => post(added(name))));

    // They were stored together first; that transaction failed, so each was stored alone.
    expect(spy.mock.calls.some(([, jobs]) => dispatchedIds(jobs).length > 1)).toBe(true);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 500, 200, 200]);
    const rows = await t.database.db.selectFrom('inbound_callback').select('plaintext').execute();
    expect(names.filter((n) => rows.some((row) => row.plaintext.includes(`[${n}]`)))).toEqual([
      'wmAlpha',
      'wmBravo',
      'wmCharlie',
      'wmDelta',
    ]);
    spy.mockRestore();
    await t.jobs.drain();
    expect([await count('domain_event'), await count('jobs')]).toEqual([4, 4]);
  });
});
