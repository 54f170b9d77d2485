import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WxBizMsgCrypt, msgSignature } from '../../../channels/shared/wxbiz-crypto.js';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { updateConnectionSettings } from '../connection.service.js';
import { seedConnection, vector, wecomInput } from '../connections.testing.js';
import { actingAsSystem } from '../../workspace/actor.js';
import { permissions } from '../../workspace/permissions.js';
import {
  addExternalContact,
  failDispatchJobInserts,
  vectorCrypt as crypt,
} from './wecom.testing.js';

const url = (path: string, query: Record<string, string>) =>
  `${path}?${new URLSearchParams(query).toString()}`;

// On the HTTP thread, and with a callback thread, which on SQLite also stores what it opens
// through its own connection (sqlite-inbox.ts): both must answer and store alike.
const receivers: { name: string; env: Record<string, string> }[] = [
  { name: 'on the HTTP thread', env: {} },
  { name: 'with a callback thread', env: { SIYU_CALLBACK_THREADS: '1' } },
];

describe.each(receivers)('WeCom callback receiver ($name)', ({ env }) => {
  let t: TestApp;
  let connection: { id: string; workspace_id: string };
  const delivered: string[] = [];

  // Deliveries to this test's subscriber (the app's own modules subscribe to contact.* too).
  const testJobs = () =>
    t.database.db.selectFrom('jobs').selectAll().where('queue', '=', 'event.test.contacts');
  const dispatchJobs = () =>
    t.database.db.selectFrom('jobs').selectAll().where('queue', '=', 'callbacks.dispatch');
  const counts = async () => ({
    inbound: (await t.database.db.selectFrom('inbound_callback').selectAll().execute()).length,
    events: (await t.database.db.selectFrom('domain_event').selectAll().execute()).length,
    jobs: (await testJobs().execute()).length,
  });
  const post = (query: Record<string, string>, body: string, path = '/callbacks/default/wecom') =>
    t.app.inject({
      method: 'POST',
      url: url(path, query),
      headers: { 'content-type': 'text/xml' },
      payload: body,
    });
  const sealed = (plaintext: string, by = crypt) =>
    by.sealCallback(plaintext, { toUserName: vector.corpId, agentId: '1000002' });
  const rejectedCount = (reason: string) =>
    t.metrics.counter('siyu_callbacks_rejected_total', '').get({ channel: 'wecom', reason });

  beforeEach(async () => {
    t = await createTestApp(env);
    delivered.length = 0;
    t.bus.subscribe('contact.added', 'test.contacts', async (event) => {
      delivered.push(`${event.type}:${event.data.externalUserId}:${event.data.welcomeCode}`);
    });
    connection = await seedConnection(t, wecomInput);
  });
  afterEach(() => t.close());

  it('answers the official URL verification with the bare plaintext and records it', async () => {
    const { plaintext, ...query } = vector.urlVerification;
    const res = await t.app.inject({ method: 'GET', url: url('/callbacks/default/wecom', query) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(plaintext);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const row = await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow();
    expect(row.callback_verified_at).toBe(t.clock.now());
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'siyu_callbacks_accepted_total{channel="wecom",outcome="verified"} 1',
    );
  });

  it('accepts the official message vector end to end: stored as unhandled, acknowledged', async () => {
    const res = await post(vector.message.query, vector.message.body);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    const [row] = await t.database.db.selectFrom('inbound_callback').selectAll().execute();
    expect(row).toMatchObject({ outcome: 'unhandled', topic: 'text' });
    expect(row!.plaintext).toContain('<FromUserName>ChenJiaShun</FromUserName>');
    expect(row!.plaintext).toContain('<Content>你好</Content>');
    expect(await counts()).toEqual({ inbound: 1, events: 0, jobs: 0 });
    const conn = await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow();
    expect(conn.last_callback_at).toBe(t.clock.now());
  });

  it('stores an encrypted add_external_contact with its dispatch job, acks, then publishes it', async () => {
    const { body, query } = sealed(addExternalContact);
    const res = await post(query, body);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');

    // Acknowledged once the raw callback and its dispatch job are stored (one transaction).
    const [inbound] = await t.database.db.selectFrom('inbound_callback').selectAll().execute();
    expect(inbound).toMatchObject({ outcome: 'handled', topic: 'contact.added' });
    expect(inbound!.plaintext).toBe(addExternalContact);
    const [dispatch] = await dispatchJobs().execute();
    expect(dispatch).toMatchObject({ status: 'pending', workspace_id: inbound!.workspace_id });
    expect(JSON.parse(dispatch!.payload)).toEqual({
      channel: 'wecom',
      appId: vector.corpId,
      ids: [inbound!.id],
    });
    expect(await counts()).toEqual({ inbound: 1, events: 0, jobs: 0 });

    // The dispatch job publishes the event (received when the callback was), then it is delivered.
    await t.jobs.drain();
    const [event] = await t.database.db.selectFrom('domain_event').selectAll().execute();
    expect(event).toMatchObject({
      type: 'contact.added',
      source: 'wecom',
      workspace_id: inbound!.workspace_id,
      dedup_key: inbound!.dedup_key,
      occurred_at: 1403610513000,
      received_at: inbound!.received_at,
    });
    const [job] = await testJobs().execute();
    expect(job).toMatchObject({
      queue: 'event.test.contacts',
      key: `event:${event!.id}:test.contacts`,
      status: 'succeeded',
    });
    expect(delivered).toEqual(['contact.added:woAJ2GCAAAXtWyujaWJHDDGi0mAAAA:WELCOMECODE']);
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('siyu_callbacks_accepted_total{channel="wecom",outcome="handled"} 1');
    expect(metrics).toContain('siyu_callback_duration_seconds_count{channel="wecom"} 1');
  });

  it('publishes a stored callback once, even when its dispatch job runs again', async () => {
    const { body, query } = sealed(addExternalContact);
    await post(query, body);
    await t.jobs.drain();
    const [dispatch] = await dispatchJobs().execute();
    // As after a crash between the publish and the job's completion being recorded.
    await t.database.db
      .updateTable('jobs')
      .set({ status: 'pending', attempts: 0, finished_at: null })
      .where('id', '=', dispatch!.id)
      .execute();
    await t.jobs.drain();
    expect(await counts()).toEqual({ inbound: 1, events: 1, jobs: 1 });
    expect(delivered).toHaveLength(1);
  });

  it('acknowledges a re-delivery without storing or publishing anything new', async () => {
    const first = sealed(addExternalContact);
    // The platform retries with a fresh nonce, timestamp and ciphertext.
    const retry = sealed(addExternalContact);
    expect((await post(first.query, first.body)).body).toBe('success');
    const again = await post(retry.query, retry.body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe('success');
    expect(await dispatchJobs().execute()).toHaveLength(1);
    await t.jobs.drain();
    expect(await counts()).toEqual({ inbound: 1, events: 1, jobs: 1 });
    expect(
      t.metrics
        .counter('siyu_callbacks_accepted_total', '')
        .get({ channel: 'wecom', outcome: 'duplicate' }),
    ).toBe(1);
  });

  it('stores nothing when the transaction fails, so the platform’s retry is taken in whole', async () => {
    const { body, query } = sealed(addExternalContact);
    // The dispatch job cannot be written, after the callback's row was.
    const restore = await failDispatchJobInserts(t);
    const failed = await post(query, body);
    expect(failed.statusCode).toBe(500);
    expect(await counts()).toEqual({ inbound: 0, events: 0, jobs: 0 });
    expect(await t.database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    await restore();
    expect((await post(query, body)).body).toBe('success');
    await t.jobs.drain();
    expect(await counts()).toEqual({ inbound: 1, events: 1, jobs: 1 });
  });

  it('refuses callbacks of a disabled connection after checking their signature', async () => {
    const { body, query } = sealed(addExternalContact);
    await updateConnectionSettings(
      { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
      actingAsSystem(connection.workspace_id, permissions),
      connection.id,
      { status: 'disabled' },
    );
    const forged = await post({ ...query, msg_signature: '0'.repeat(40) }, body);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toBe('bad signature');
    const res = await post(query, body);
    expect(res.statusCode).toBe(403);
    expect(res.body).toBe('connection disabled');
    expect(await counts()).toEqual({ inbound: 0, events: 0, jobs: 0 });
    expect(await dispatchJobs().execute()).toEqual([]);
  });

  it('stores callbacks arriving together, each once, in order, with one dispatch job', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `wmTogether${i}`);
    const callbacks = ids.map((id) =>
      sealed(addExternalContact.replace('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA', id)),
    );
    const answers = await Promise.all(
      [...callbacks, callbacks[3]!].map(({ body, query }) => post(query, body)),
    );
    expect(answers.map((a) => a.body)).toEqual([...callbacks, 0].map(() => 'success'));
    const stored = await t.database.db
      .selectFrom('inbound_callback')
      .selectAll()
      .orderBy('id')
      .execute();
    expect(
      stored.map((row) => /<ExternalUserID><!\[CDATA\[(\w+)/.exec(row.plaintext)?.[1]),
    ).toEqual(ids);
    expect(new Set(stored.map((row) => row.received_at))).toEqual(new Set([t.clock.now()]));
    const dispatches = await dispatchJobs().execute();
    expect(dispatches.flatMap((job) => (JSON.parse(job.payload) as { ids: string[] }).ids)).toEqual(
      stored.map((row) => row.id),
    );
    await t.jobs.drain();
    expect(await counts()).toEqual({ inbound: 25, events: 25, jobs: 25 });
  });

  describe('refuses forged and malformed requests, storing nothing', () => {
    const good = () => sealed(addExternalContact);
    const cases: [string, () => Promise<{ statusCode: number }>, number, string][] = [
      [
        'a bad signature',
        () => {
          const { body, query } = good();
          return post({ ...query, msg_signature: '0'.repeat(40) }, body);
        },
        403,
        'bad_signature',
      ],
      [
        'no signature',
        () => {
          const { body, query } = good();
          return post({ timestamp: query.timestamp, nonce: query.nonce }, body);
        },
        400,
        'missing_parameters',
      ],
      [
        'a message sealed for another corp',
        () => {
          const other = new WxBizMsgCrypt({
            token: vector.token,
            encodingAesKey: vector.aesKey,
            receiveId: 'ww0000000000000000',
          });
          const { body, query } = sealed(addExternalContact, other);
          return post(query, body);
        },
        403,
        'wrong_receiver',
      ],
      [
        'a truncated body',
        () => {
          const { body, query } = good();
          return post(query, body.slice(0, body.length - 20));
        },
        400,
        'bad_xml',
      ],
      [
        'a truncated ciphertext, signed',
        () => {
          const { encrypt } = crypt.seal(addExternalContact);
          return postEncrypt(encrypt.slice(0, 64));
        },
        400,
        'bad_ciphertext',
      ],
      ['bad base64, signed', () => postEncrypt('!!not*base64!!'), 400, 'bad_ciphertext'],
      [
        'a DOCTYPE inside the encrypted XML',
        () => {
          const { body, query } = sealed(
            `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${addExternalContact}`,
          );
          return post(query, body);
        },
        400,
        'bad_xml',
      ],
      [
        'a DOCTYPE in the envelope',
        () => {
          const { body, query } = good();
          return post(query, `<!DOCTYPE xml>${body}`);
        },
        400,
        'bad_xml',
      ],
      [
        'an oversize body',
        () => {
          const { body, query } = good();
          return post(query, body.replace('</xml>', `<Pad>${'a'.repeat(70_000)}</Pad></xml>`));
        },
        413,
        'oversize',
      ],
      [
        'an unknown workspace',
        () => {
          const { body, query } = good();
          return post(query, body, '/callbacks/nobody-here/wecom');
        },
        404,
        'unknown_workspace',
      ],
      [
        'a JSON body',
        () => {
          const { query } = good();
          return t.app.inject({
            method: 'POST',
            url: url('/callbacks/default/wecom', query),
            headers: { 'content-type': 'application/json' },
            payload: '{"Encrypt":"x"}',
          });
        },
        415,
        'unsupported_media_type',
      ],
      [
        'a URL verification with a bad signature',
        () => {
          const { plaintext: _, ...query } = vector.urlVerification;
          return t.app.inject({
            method: 'GET',
            url: url('/callbacks/default/wecom', { ...query, nonce: '1' }),
          });
        },
        403,
        'bad_signature',
      ],
    ];

    function postEncrypt(encrypt: string) {
      const query = { timestamp: '1700000000', nonce: '12345' };
      const signature = msgSignature(vector.token, query.timestamp, query.nonce, encrypt);
      return post(
        { ...query, msg_signature: signature },
        `<xml><ToUserName>${vector.corpId}</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      );
    }

    for (const [name, send, status, reason] of cases) {
      it(`${name} → ${status} ${reason}`, async () => {
        const res = (await send()) as { statusCode: number; body: string; headers: object };
        expect(res.statusCode).toBe(status);
        expect(res.body.length).toBeLessThan(80);
        expect((res.headers as Record<string, string>)['content-type']).toMatch(/^text\/plain/);
        expect(await counts()).toEqual({ inbound: 0, events: 0, jobs: 0 });
        expect(rejectedCount(reason)).toBe(1);
        const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
        expect(metrics).toContain(
          `siyu_callbacks_rejected_total{channel="wecom",reason="${reason}"} 1`,
        );
      });
    }
  });
});
