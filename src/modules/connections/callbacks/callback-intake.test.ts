import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { seedConnection, vector, wecomInput } from '../connections.testing.js';
import { addExternalContact, failInboxInsertsOf, vectorCrypt as crypt } from './wecom.testing.js';

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
    // Every stored callback named by one dispatch job; callbacks written together share one.
    const named = dispatches.flatMap((d) => JSON.parse(d.payload).ids as string[]);
    const stored = await t.database.db.selectFrom('inbound_callback').select('id').execute();
    expect(named.sort()).toEqual(stored.map((row) => row.id).sort());
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
  });

  it('fails only the callback whose storing fails, not the others sharing its transaction', async () => {
    // Storing wmBroken's callback fails (as a full disk would), alone or in company.
    const restore = await failInboxInsertsOf(t, '[wmBroken]');
    const names = ['wmAlpha', 'wmBravo', 'wmBroken', 'wmCharlie', 'wmDelta'];
    const answers = await Promise.all(names.map((name) => post(added(name))));

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 500, 200, 200]);
    const rows = await t.database.db.selectFrom('inbound_callback').select('plaintext').execute();
    expect(names.filter((n) => rows.some((row) => row.plaintext.includes(`[${n}]`)))).toEqual([
      'wmAlpha',
      'wmBravo',
      'wmCharlie',
      'wmDelta',
    ]);
    // Their shared write failed, so each was written again alone: a dispatch job each.
    const dispatches = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('queue', '=', 'callbacks.dispatch')
      .execute();
    expect(dispatches.map((d) => (JSON.parse(d.payload).ids as string[]).length)).toEqual([
      1, 1, 1, 1,
    ]);
    await restore();
    await t.jobs.drain();
    expect([await count('domain_event'), await count('jobs')]).toEqual([4, 4]);
  });
});
