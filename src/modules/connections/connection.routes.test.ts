import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { signedInAs, type SessionClient } from '../workspace/workspace.testing.js';
import type { Connection } from './connection.schemas.js';
import { oaAppId, oaInput, vector, wecomInput } from './connections.testing.js';

const base = '/api/workspaces/default/connections';
const secrets = [wecomInput.secret, wecomInput.token, wecomInput.aesKey];

describe('connections API', () => {
  let t: TestApp;
  let owner: SessionClient;

  const create = (payload: object, client: { inject: SessionClient['inject'] } = owner) => {
    t.clock.advance(1000);
    return client.inject({ method: 'POST', url: base, payload });
  };
  const request = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    t.clock.advance(1000);
    return owner.inject({ method, url, ...(payload ? { payload } : {}) });
  };

  beforeEach(async () => {
    t = await createTestApp({ SIYU_PUBLIC_URL: 'https://scrm.example.com/' });
    owner = await signedInAs(t, 'owner');
  });
  afterEach(() => t.close());

  it('connects WeCom: secrets sealed at rest, never returned, callback URL shown', async () => {
    const res = await create(wecomInput);
    expect(res.statusCode).toBe(201);
    const connection = res.json() as Connection;
    expect(connection).toMatchObject({
      kind: 'wecom',
      appId: vector.corpId,
      agentId: 1000002,
      displayName: `WeCom ${vector.corpId}`,
      encryptMode: 'safe',
      apiBaseUrl: 'https://qyapi.weixin.qq.com',
      status: 'active',
      hasSecret: true,
      secretMasked: '••••••••mnopq'.replace('mnopq', 'nopq'),
      hasToken: true,
      hasAesKey: true,
      callbackUrl: 'https://scrm.example.com/callbacks/default/wecom',
      callbackUrlWarning: null,
      callbackVerifiedAt: null,
      lastCallbackAt: null,
    });
    for (const secret of secrets) expect(res.body).not.toContain(secret);

    const row = await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(t.secretBox.open(row.secret_sealed)).toBe(wecomInput.secret);
    expect(t.secretBox.open(row.token_sealed!)).toBe(wecomInput.token);
    expect(t.secretBox.open(row.aes_key_sealed!)).toBe(wecomInput.aesKey);

    const listed = await owner.inject({ method: 'GET', url: base });
    expect((listed.json() as { items: Connection[] }).items).toEqual([connection]);
    const one = await owner.inject({ method: 'GET', url: `${base}/${connection.id}` });
    expect(one.json()).toEqual(connection);
  });

  it('audits create, update and delete without any credential', async () => {
    const { id } = (await create(wecomInput)).json() as Connection;
    const rotated = {
      secret: 'rotatedSecret-abcdefghijklmnopqrstuvwxyz01',
      token: 'newToken123',
      aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg',
    };
    const patched = await request('PATCH', `${base}/${id}`, {
      ...rotated,
      displayName: '总部企业微信',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      displayName: '总部企业微信',
      secretMasked: '••••••••yz01',
      callbackUrl: 'https://scrm.example.com/callbacks/default/wecom',
    });
    expect((await request('DELETE', `${base}/${id}`)).statusCode).toBe(204);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'connection')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'connection.created',
      'connection.updated',
      'connection.deleted',
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [...secrets, ...Object.values(rotated)])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('nopq');
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({
      displayName: '总部企业微信',
      rotated: ['secret', 'token', 'aesKey'],
    });
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ displayName: `WeCom ${vector.corpId}` });
    expect((await owner.inject({ method: 'GET', url: `${base}/${id}` })).statusCode).toBe(404);
  });

  it('allows one WeCom corp but several Official Accounts and Mini Programs', async () => {
    expect((await create(wecomInput)).statusCode).toBe(201);
    const second = await create({ ...wecomInput, corpId: 'ww0000000000000001' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/already has a WeCom connection/);

    expect((await create(oaInput)).statusCode).toBe(201);
    const safe = await create({
      ...oaInput,
      appId: 'wx1111111111111111',
      aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    });
    expect(safe.json()).toMatchObject({ encryptMode: 'safe', hasAesKey: true });
    expect((await create(oaInput)).statusCode).toBe(409);
    const mp = await create({
      kind: 'miniprogram',
      appId: 'wx2222222222222222',
      secret: oaInput.secret,
    });
    expect(mp.statusCode).toBe(201);
    expect(mp.json()).toMatchObject({
      kind: 'miniprogram',
      encryptMode: null,
      hasToken: false,
      callbackUrl: null,
      apiBaseUrl: 'https://api.weixin.qq.com',
    });
    const oa = (await owner.inject({ method: 'GET', url: base })).json() as { items: Connection[] };
    expect(oa.items.map((c) => c.callbackUrl)).toEqual([
      'https://scrm.example.com/callbacks/default/wecom',
      `https://scrm.example.com/callbacks/default/oa/${oaAppId}`,
      'https://scrm.example.com/callbacks/default/oa/wx1111111111111111',
      null,
    ]);
  });

  it('validates every credential with a message saying what is expected', async () => {
    const problems: [object, string, RegExp][] = [
      [{ ...wecomInput, corpId: 'corp123' }, 'corpId', /"ww" and 16 letters or digits/],
      [{ ...wecomInput, aesKey: vector.aesKey.slice(1) }, 'aesKey', /exactly 43/],
      [{ ...wecomInput, token: 'no spaces!' }, 'token', /3 to 32 letters or digits/],
      [{ ...wecomInput, token: 'ab' }, 'token', /3 to 32/],
      [{ ...wecomInput, secret: 'short' }, 'secret', /16 to 128/],
      [{ ...wecomInput, agentId: -1 }, 'agentId', /./],
      [{ ...oaInput, appId: 'gh_0123456789ab' }, 'appId', /"wx" and 16/],
      [{ ...oaInput, apiBaseUrl: 'ftp://sandbox' }, 'apiBaseUrl', /http/],
      [{ kind: 'miniprogram', appId: oaAppId, secret: oaInput.secret, token: 'abc' }, '', /./],
      [{ kind: 'shop', appId: oaAppId }, 'kind', /./],
    ];
    for (const [payload, field, message] of problems) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const details = res.json().error.details as { path: string; message: string }[];
      const hit = details.find((d) => d.path.includes(field));
      expect(hit?.message, JSON.stringify(details)).toMatch(message);
    }
    expect(await t.database.db.selectFrom('connection').selectAll().execute()).toEqual([]);
  });

  it('updates only what is sent; an Official Account switches between plaintext and safe mode', async () => {
    const { id } = (await create(oaInput)).json() as Connection;
    const safe = await owner.inject({
      method: 'PATCH',
      url: `${base}/${id}`,
      payload: { aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
    });
    expect(safe.json()).toMatchObject({ encryptMode: 'safe', hasAesKey: true, hasToken: true });
    const plain = await owner.inject({
      method: 'PATCH',
      url: `${base}/${id}`,
      payload: { aesKey: null },
    });
    expect(plain.json()).toMatchObject({ encryptMode: 'plaintext', hasAesKey: false });
    const agent = await owner.inject({
      method: 'PATCH',
      url: `${base}/${id}`,
      payload: { agentId: 5 },
    });
    expect(agent.statusCode).toBe(400);
    expect(agent.json().error.details[0].message).toMatch(/only WeCom/);

    const wecom = (await create(wecomInput)).json() as Connection;
    const noKey = await owner.inject({
      method: 'PATCH',
      url: `${base}/${wecom.id}`,
      payload: { aesKey: null },
    });
    expect(noKey.statusCode).toBe(400);
    const unknown = await owner.inject({
      method: 'PATCH',
      url: `${base}/0190f0e0-0000-7000-8000-000000000000`,
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Connection not found');
  });

  it('lets readers list but only connections.manage change anything', async () => {
    const { id } = (await create(wecomInput)).json() as Connection;
    const operator = await signedInAs(t, 'operator');
    expect((await operator.inject({ method: 'GET', url: base })).statusCode).toBe(200);
    expect((await operator.inject({ method: 'GET', url: `${base}/${id}` })).statusCode).toBe(200);
    expect((await create(oaInput, operator)).statusCode).toBe(403);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await operator.inject({ method, url: `${base}/${id}`, payload: {} });
      expect(res.statusCode).toBe(403);
    }
  });

  it('drops cached callback credentials at once when a token is rotated', async () => {
    const { id } = (await create(oaInput)).json() as Connection;
    const { oaSignature } = await import('../../channels/shared/wxbiz-crypto.js');
    const verify = (token: string) =>
      t.app.inject({
        method: 'GET',
        url: `/callbacks/default/oa/${oaAppId}?signature=${oaSignature(token, '1', '2')}&timestamp=1&nonce=2&echostr=hi`,
      });
    expect((await verify(oaInput.token)).statusCode).toBe(200);
    await owner.inject({ method: 'PATCH', url: `${base}/${id}`, payload: { token: 'rotated42' } });
    expect((await verify(oaInput.token)).statusCode).toBe(403);
    expect((await verify('rotated42')).statusCode).toBe(200);
  });
});

describe('callback URLs without SIYU_PUBLIC_URL', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('derive from the request (proxy headers included) and warn unless public https', async () => {
    const owner = await signedInAs(t, 'owner');
    const created = await owner.inject({ method: 'POST', url: base, payload: wecomInput });
    expect(created.json()).toMatchObject({
      callbackUrl: 'http://localhost:80/callbacks/default/wecom',
      callbackUrlWarning: { code: 'local_address' },
    });
    const proxied = await owner.inject({
      method: 'GET',
      url: base,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'scrm.example.cn' },
    });
    expect(proxied.json().items[0]).toMatchObject({
      callbackUrl: 'https://scrm.example.cn/callbacks/default/wecom',
      callbackUrlWarning: null,
    });
    const plainHttp = await owner.inject({
      method: 'GET',
      url: base,
      headers: { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'scrm.example.cn' },
    });
    expect(plainHttp.json().items[0].callbackUrlWarning).toMatchObject({ code: 'not_https' });
  });
});
