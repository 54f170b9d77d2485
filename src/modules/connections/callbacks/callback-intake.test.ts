import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
    const publish = t.bus.publish.bind(t.bus);
    const spy = vi.spyOn(t.bus, 'publish').mockImplementation(async (trx, ws, events, options) => {
      if (events.some((e) => JSON.stringify(e.data).includes('wmBroken'))) {
        throw new Error('disk full');
      }
      return publish(trx, ws, events, options);
    });
    const names = ['wmAlpha', 'wmBravo', 'wmBroken', 'wmCharlie', 'wmDelta'];
    const answers = await Promise.all(names.map((name) => post(added(name))));

    // They were published together first; that transaction failed, so each was stored alone.
    expect(spy.mock.calls.some(([, , events]) => events.length > 1)).toBe(true);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 500, 200, 200]);
    const rows = await t.database.db.selectFrom('inbound_callback').select('plaintext').execute();
    expect(names.filter((n) => rows.some((row) => row.plaintext.includes(`[${n}]`)))).toEqual([
      'wmAlpha',
      'wmBravo',
      'wmCharlie',
      'wmDelta',
    ]);
    expect([await count('domain_event'), await count('jobs')]).toEqual([4, 4]);
  });
});
