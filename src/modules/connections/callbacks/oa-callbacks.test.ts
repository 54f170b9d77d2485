import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WxBizMsgCrypt, oaSignature } from '../../../channels/shared/wxbiz-crypto.js';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { updateConnectionSettings } from '../connection.service.js';
import { oaAppId, oaInput, seedConnection } from '../connections.testing.js';
import { actingAsSystem } from '../../workspace/actor.js';
import { permissions } from '../../workspace/permissions.js';

const subscribe = readFileSync(
  new URL('../../../channels/oa/fixtures/mp-callback-subscribe.xml', import.meta.url),
  'utf8',
);
const path = `/callbacks/default/oa/${oaAppId}`;
const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function signed(token: string, extra: Record<string, string> = {}) {
  const timestamp = '1700000000';
  const nonce = '424242';
  return { signature: oaSignature(token, timestamp, nonce), timestamp, nonce, ...extra };
}

describe('Official Account callback receiver', () => {
  let t: TestApp;
  let connectionId: string;
  let workspaceId: string;

  const send = (query: Record<string, string>, body: string, url = path) =>
    t.app.inject({
      method: 'POST',
      url: `${url}?${new URLSearchParams(query).toString()}`,
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      payload: body,
    });
  const rows = (table: 'inbound_callback' | 'domain_event') =>
    t.database.db.selectFrom(table).selectAll().execute();
  const rejected = (reason: string) =>
    t.metrics.counter('siyu_callbacks_rejected_total', '').get({ channel: 'oa', reason });
  const switchToSafeMode = () =>
    updateConnectionSettings(
      { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
      actingAsSystem(workspaceId, permissions),
      connectionId,
      { aesKey },
    );

  beforeEach(async () => {
    t = await createTestApp();
    const row = await seedConnection(t, oaInput);
    connectionId = row.id;
    workspaceId = row.workspace_id;
  });
  afterEach(() => t.close());

  it('answers the server-configuration check by echoing echostr unchanged', async () => {
    const query = signed(oaInput.token, { echostr: '5837397520665436492' });
    const res = await t.app.inject({
      method: 'GET',
      url: `${path}?${new URLSearchParams(query).toString()}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('5837397520665436492');
    const row = await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow();
    expect(row.callback_verified_at).toBe(t.clock.now());

    const forged = await t.app.inject({
      method: 'GET',
      url: `${path}?${new URLSearchParams({ ...query, signature: 'f'.repeat(40) }).toString()}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(rejected('bad_signature')).toBe(1);
  });

  it('takes in a plaintext-mode follow: stored, oa.followed published, success', async () => {
    const res = await send(signed(oaInput.token, { openid: 'FromUser' }), subscribe);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    const [inbound] = await rows('inbound_callback');
    expect(inbound).toMatchObject({
      outcome: 'handled',
      topic: 'oa.followed',
      plaintext: subscribe,
    });
    expect(await rows('domain_event')).toEqual([]);
    await t.jobs.drain();
    const [event] = await rows('domain_event');
    expect(event).toMatchObject({ type: 'oa.followed', source: 'oa' });
    expect(JSON.parse(event!.data)).toEqual({ appId: oaAppId, openId: 'FromUser' });

    expect((await send(signed(oaInput.token), subscribe)).body).toBe('success');
    expect(await rows('inbound_callback')).toHaveLength(1);
  });

  it('refuses forged plaintext posts and encrypted posts it has no key for', async () => {
    const forged = await send({ ...signed('anotherToken'), openid: 'x' }, subscribe);
    expect(forged.statusCode).toBe(403);
    const encrypted = await send(signed(oaInput.token, { encrypt_type: 'aes' }), subscribe);
    expect(encrypted.statusCode).toBe(400);
    const unknownApp = await send(
      signed(oaInput.token),
      subscribe,
      '/callbacks/default/oa/wx0000000000000000',
    );
    expect(unknownApp.statusCode).toBe(404);
    expect([
      rejected('bad_signature'),
      rejected('not_configured'),
      rejected('unknown_connection'),
    ]).toEqual([1, 1, 1]);
    expect(await rows('inbound_callback')).toEqual([]);
  });

  describe('in safe mode', () => {
    const crypt = new WxBizMsgCrypt({
      token: oaInput.token,
      encodingAesKey: aesKey,
      receiveId: oaAppId,
    });

    function sealedPost(plaintext: string, by = crypt) {
      const sealed = by.seal(plaintext, { timestamp: '1700000000', nonce: '424242' });
      const body = `<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
      return send(
        signed(oaInput.token, {
          encrypt_type: 'aes',
          msg_signature: sealed.msgSignature,
          openid: 'FromUser',
        }),
        body,
      );
    }

    it('decrypts, stores and publishes; the key change took effect without a restart', async () => {
      // The receiver cached the plaintext-mode credentials on this first request.
      expect((await send(signed(oaInput.token), subscribe)).statusCode).toBe(200);
      await t.database.db.deleteFrom('inbound_callback').execute();
      await switchToSafeMode();
      // Changes made through the service outside the app are picked up after the cache TTL.
      t.clock.advance(61_000);

      const res = await sealedPost(subscribe.replace('123456789', '123456790'));
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('success');
      const [inbound] = await rows('inbound_callback');
      expect(inbound).toMatchObject({ outcome: 'handled', topic: 'oa.followed' });
    });

    it('refuses plaintext posts, bad msg_signature and messages for another app', async () => {
      await switchToSafeMode();
      expect((await send(signed(oaInput.token), subscribe)).statusCode).toBe(400);
      const other = new WxBizMsgCrypt({
        token: oaInput.token,
        encodingAesKey: aesKey,
        receiveId: 'wx1111111111111111',
      });
      expect((await sealedPost(subscribe, other)).statusCode).toBe(403);
      const sealed = crypt.seal(subscribe);
      const badSignature = await send(
        signed(oaInput.token, { encrypt_type: 'aes', msg_signature: '0'.repeat(40) }),
        `<xml><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`,
      );
      expect(badSignature.statusCode).toBe(403);
      expect([
        rejected('not_encrypted'),
        rejected('wrong_receiver'),
        rejected('bad_signature'),
      ]).toEqual([1, 1, 1]);
      expect(await rows('inbound_callback')).toEqual([]);
    });
  });

  it('refuses callbacks of a disabled connection after checking their signature', async () => {
    await updateConnectionSettings(
      { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
      actingAsSystem(workspaceId, permissions),
      connectionId,
      { status: 'disabled' },
    );
    const res = await send(signed(oaInput.token), subscribe);
    expect(res.statusCode).toBe(403);
    expect(res.body).toBe('connection disabled');
    expect(await rows('inbound_callback')).toEqual([]);
  });
});
