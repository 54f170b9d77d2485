import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

describe('control API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('publishes its own OpenAPI document with the control routes only', async () => {
    const doc = (await h.control('GET', '/sandbox/openapi.json')).json as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/sandbox/customers/{customer}/add-contact']).toBeDefined();
    expect(doc.paths['/sandbox/employees/{userid}/confirm-mass-send']).toBeDefined();
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/sandbox/'))).toBe(true);
  });

  it('shows the corp, Official Account and Mini Program with the credentials Siyu needs', async () => {
    const state = (await h.control('GET', '/sandbox/state')).json;
    expect(state).toMatchObject({
      corps: [
        {
          corpid: h.corp.corpid,
          name: '示例科技',
          employees: 8,
          follows: 10,
          groups: 2,
          callback: { token: h.corp.callback.token },
        },
      ],
      officialAccounts: [
        {
          appid: h.oa.appid,
          originalId: expect.stringMatching(/^gh_/),
          encryptMode: 'safe',
          followers: 8,
        },
      ],
      miniPrograms: [{ appid: expect.stringMatching(/^wx/) }],
      customers: 20,
    });
    expect(h.corp.callback.encodingAesKey).toHaveLength(43);
  });

  it('lists customers with every identity and finds them by any of them', async () => {
    const list = (await h.control('GET', '/sandbox/customers?limit=5')).json;
    expect(list.total).toBe(20);
    const c5 = (list.customers as Record<string, unknown>[])[4]!;
    expect(c5).toMatchObject({
      id: 'c5',
      nickname: 'Lily',
      followsOa: [h.oa.appid],
      groups: [{ name: '私域VIP交流群' }],
    });
    const external = (c5.externalUserIds as Record<string, string>)[h.corp.corpid]!;
    expect(external).toMatch(/^wm[0-9A-Za-z]{30}$/);
    expect(c5.unionid as string).toMatch(/^o[0-9A-Za-z]{27}$/);
    expect((await h.control('GET', `/sandbox/customers/${external}`)).json.id).toBe('c5');
    expect((await h.control('GET', `/sandbox/customers/${String(c5.unionid)}`)).json.id).toBe('c5');
    expect((await h.control('GET', '/sandbox/customers/nobody')).status).toBe(404);
  });

  it('validates control input with clear 400s', async () => {
    const both = await h.control('POST', '/sandbox/customers/c1/add-contact', {
      configId: 'x',
      userid: 'y',
    });
    expect(both.status).toBe(400);
    expect(both.json).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [expect.objectContaining({ message: 'give configId or userid' })],
      },
    });
    const badJson = await h.sandbox.app.inject({
      method: 'POST',
      url: '/sandbox/customers',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { code: 'invalid_json' } });
    expect((await h.control('POST', '/sandbox/customers', { gender: 7 })).status).toBe(400);
    expect((await h.control('PUT', '/sandbox/rules', { groupJoinLimit: -1 })).status).toBe(400);
  });

  it('resets to an empty sandbox or the demo world, keeping receivers', async () => {
    const corpid = h.corp.corpid;
    await h.control('PUT', `/sandbox/receivers/wecom:${corpid}`, {
      url: 'http://127.0.0.1:9/cb',
      verify: false,
    });
    await h.control('POST', '/sandbox/customers', {});
    expect((await h.control('POST', '/sandbox/reset', { demo: false })).status).toBe(200);
    const empty = (await h.control('GET', '/sandbox/state')).json;
    expect(empty).toMatchObject({ corps: [], customers: 0, receivers: [`wecom:${corpid}`] });
    expect(
      (await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' })).status,
    ).toBe(404);
    expect((await h.control('POST', '/sandbox/seed-demo')).status).toBe(200);
    expect((await h.control('POST', '/sandbox/seed-demo')).status).toBe(409);
    expect((await h.control('GET', '/sandbox/state')).json).toMatchObject({ customers: 20 });
    expect(
      (await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' })).status,
    ).toBe(200);
  });

  it('records links people open', async () => {
    const opened = await h.control('POST', '/sandbox/customers/c1/open-link', {
      url: 'https://shop.example.com/p/1?utm=mass',
      fetch: false,
    });
    expect(opened.json).toMatchObject({
      url: 'https://shop.example.com/p/1?utm=mass',
      status: null,
    });
    const clicks = (await h.control('GET', '/sandbox/clicks?customer=c1')).json.clicks;
    expect(clicks).toEqual([
      expect.objectContaining({ personId: 'c1', url: 'https://shop.example.com/p/1?utm=mass' }),
    ]);
  });

  it('serves the images behind qr_code URLs', async () => {
    const way = await h.wecom('POST', '/cgi-bin/externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['liuna'],
    });
    const path = new URL(String(way.qr_code)).pathname;
    const image = await h.sandbox.app.inject({ method: 'GET', url: path });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(
      (await h.sandbox.app.inject({ method: 'GET', url: '/sandbox/qr/contact-way/0000.png' }))
        .statusCode,
    ).toBe(404);
  });
});
