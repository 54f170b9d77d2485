import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { seedConnection, vector, wecomInput } from '../connections.testing.js';
import { InlineOpener, ThreadedOpener } from './callback-opener.js';
import { addExternalContact, vectorCrypt } from './wecom.testing.js';
import type { WecomOpenRequest } from './wecom-opening.js';

const credentials = {
  token: vector.token,
  encodingAesKey: vector.aesKey,
  receiveId: vector.corpId,
};

function sealed(plaintext: string): WecomOpenRequest {
  const { body, query } = vectorCrypt.sealCallback(plaintext, { toUserName: vector.corpId });
  return {
    ...credentials,
    query: { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce },
    body,
  };
}

const customer = (id: string) => addExternalContact.replace('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA', id);
const valid = sealed(customer('wmOpener1'));
const requests: Record<string, WecomOpenRequest> = {
  valid,
  'bad signature': { ...valid, query: { ...valid.query, msgSignature: '0'.repeat(40) } },
  'another corp': { ...valid, receiveId: 'wwSomeoneElse' },
  'malformed envelope': { ...valid, body: '<xml><Encrypt>' },
  'plaintext not XML': sealed('not xml at all'),
  'plaintext with a DOCTYPE': sealed('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>'),
  'not a known callback': sealed('<xml><MsgType>event</MsgType><Event>unknown_thing</Event></xml>'),
};

describe('callback openers', () => {
  const inline = new InlineOpener();
  let threaded: ThreadedOpener;
  beforeAll(() => {
    threaded = new ThreadedOpener(2);
  });
  afterAll(() => threaded.close());

  it('open on worker threads exactly as on the calling thread, refusals included', async () => {
    for (const [name, request] of Object.entries(requests)) {
      const expected = await inline.open(request);
      expect(await threaded.open(request), name).toEqual(expected);
    }
    expect((await inline.open(valid)).status).toBe('opened');
    const refused = await inline.open(requests['bad signature']!);
    expect(refused).toMatchObject({
      status: 'unopened',
      failure: { type: 'crypto', code: 'signature_mismatch' },
    });
    expect(await inline.open(requests['plaintext with a DOCTYPE']!)).toMatchObject({
      status: 'unparsable',
      failure: { type: 'xml', code: 'dtd' },
    });
  }, 30_000);

  it('answers each of many callbacks sent together with its own result', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `wmTogether${i}`);
    const openings = await Promise.all(ids.map((id) => threaded.open(sealed(customer(id)))));
    openings.forEach((opening, i) => {
      expect(opening.status).toBe('opened');
      if (opening.status === 'opened') expect(opening.plaintext).toContain(ids[i]);
    });
    // Distinct callbacks, distinct dedup keys.
    const keys = openings.map((o) => (o.status === 'opened' ? o.summary.dedupKey : ''));
    expect(new Set(keys).size).toBe(ids.length);
  }, 30_000);

  it('fails the batches of a thread that dies, then opens on a new one', async () => {
    const opener = new ThreadedOpener(1);
    const threads = (opener as unknown as { workers: { terminate(): unknown }[] }).workers;
    try {
      expect((await opener.open(valid)).status).toBe('opened');
      // A batch long enough to be still in the thread when it is stopped.
      const pending = Promise.all(Array.from({ length: 3000 }, () => opener.open(valid)));
      setImmediate(() => void threads[0]!.terminate());
      await expect(pending).rejects.toThrow(/exited/);
      expect((await opener.open(valid)).status).toBe('opened');
    } finally {
      await opener.close();
    }
    await expect(opener.open(valid)).rejects.toThrow(/closed/);
  }, 30_000);
});

describe('the WeCom receiver with an opener thread', () => {
  const post = (t: TestApp, request: WecomOpenRequest) =>
    t.app.inject({
      method: 'POST',
      url: `/callbacks/default/wecom?${new URLSearchParams({
        msg_signature: request.query.msgSignature ?? '',
        timestamp: request.query.timestamp,
        nonce: request.query.nonce,
      }).toString()}`,
      headers: { 'content-type': 'text/xml' },
      payload: request.body,
    });

  it('stores and acknowledges callbacks arriving together, and refuses a forged one', async () => {
    const t = await createTestApp({ SIYU_CALLBACK_THREADS: '1' });
    try {
      await seedConnection(t, wecomInput);
      const callbacks = Array.from({ length: 30 }, (_, i) => sealed(customer(`wmThread${i}`)));
      const answers = await Promise.all(
        [...callbacks, requests['bad signature']!].map((request) => post(t, request)),
      );
      expect(answers.map((a) => `${a.statusCode} ${a.body}`)).toEqual([
        ...callbacks.map(() => '200 success'),
        '403 bad signature',
      ]);
      const stored = await t.database.db
        .selectFrom('inbound_callback')
        .select('plaintext')
        .execute();
      expect(stored).toHaveLength(30);
    } finally {
      await t.close();
    }
  }, 30_000);

  it('answers each callback of many messages with its own outcome, re-deliveries across messages included', async () => {
    const t = await createTestApp({ SIYU_CALLBACK_THREADS: '1' });
    try {
      await seedConnection(t, wecomInput);
      // 160 callbacks read together travel in ten messages; those queued while the thread
      // stores are stored together. The second half re-delivers the first (new envelopes,
      // same callbacks), so each is a duplicate of one in another message.
      const plaintexts = Array.from({ length: 80 }, (_, i) => customer(`wmQueued${i}`));
      const answers = await Promise.all(
        [...plaintexts, ...plaintexts].map((plaintext) => post(t, sealed(plaintext))),
      );
      expect(answers.map((a) => `${a.statusCode} ${a.body}`)).toEqual(
        Array(160).fill('200 success'),
      );
      const stored = await t.database.db
        .selectFrom('inbound_callback')
        .select('plaintext')
        .execute();
      expect(stored.map((row) => row.plaintext).sort()).toEqual([...plaintexts].sort());
      const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toContain(
        'siyu_callbacks_accepted_total{channel="wecom",outcome="handled"} 80',
      );
      expect(metrics).toContain(
        'siyu_callbacks_accepted_total{channel="wecom",outcome="duplicate"} 80',
      );
    } finally {
      await t.close();
    }
  }, 30_000);

  it('lets later batches join a dispatch job that still waits, and publishes each callback once', async () => {
    const t = await createTestApp({ SIYU_CALLBACK_THREADS: '1' });
    try {
      await seedConnection(t, wecomInput);
      const dispatchIds = async () =>
        (
          await t.database.db
            .selectFrom('jobs')
            .select(['payload', 'status'])
            .where('queue', '=', 'callbacks.dispatch')
            .orderBy('id')
            .execute()
        ).map((job) => ({
          status: job.status,
          ids: (JSON.parse(job.payload) as { ids: string[] }).ids,
        }));
      const storedIds = async () =>
        (
          await t.database.db.selectFrom('inbound_callback').select('id').orderBy('id').execute()
        ).map((row) => row.id);
      // Three batches, one after the other, while no worker runs.
      for (let batch = 0; batch < 3; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 5 }, (_, i) => post(t, sealed(customer(`wmJoin${batch}x${i}`)))),
        );
        expect(answers.map((a) => a.body)).toEqual(Array(5).fill('success'));
      }
      const waiting = await dispatchIds();
      // Every stored callback is named by exactly one dispatch job.
      expect(waiting.flatMap((job) => job.ids)).toEqual(await storedIds());
      // The thread's store (SQLite) joined the batches into the job that still waited.
      if (t.database.dialect === 'sqlite') expect(waiting).toHaveLength(1);
      await t.jobs.drain();
      expect(await t.database.db.selectFrom('domain_event').selectAll().execute()).toHaveLength(15);

      // The job ran: the next batch gets a job of its own, and nothing is published twice.
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => post(t, sealed(customer(`wmJoinAfter${i}`)))),
      );
      const after = (await dispatchIds()).filter((job) => job.status === 'pending');
      expect(after.flatMap((job) => job.ids)).toEqual((await storedIds()).slice(15));
      await t.jobs.drain();
      const events = await t.database.db.selectFrom('domain_event').select('dedup_key').execute();
      expect(new Set(events.map((e) => e.dedup_key)).size).toBe(20);
      expect(events).toHaveLength(20);
    } finally {
      await t.close();
    }
  }, 30_000);
});
