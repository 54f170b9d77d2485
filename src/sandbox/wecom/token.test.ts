import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

describe('WeCom access tokens', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const get = async (url: string) => (await h.control('GET', url)).json;
  const appSecret = () => h.corp.apps.find((a) => a.kind === 'app')!.secret;

  it('issues a token like the documented sample and returns the same one while it is valid', async () => {
    const first = await get(`/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${appSecret()}`);
    expect(Object.keys(first)).toEqual(['errcode', 'errmsg', 'access_token', 'expires_in']);
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    h.clock.advance(600_000);
    const again = await get(`/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${appSecret()}`);
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBe(6600);
  });

  it('rejects a bad corpid (40013), a bad secret (40001) and missing parameters', async () => {
    expect((await get(`/cgi-bin/gettoken?corpid=wwnope&corpsecret=x`)).errcode).toBe(40013);
    expect((await get(`/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=wrong`)).errcode).toBe(
      40001,
    );
    expect((await get(`/cgi-bin/gettoken?corpsecret=x`)).errcode).toBe(41002);
    expect((await get(`/cgi-bin/gettoken?corpid=${h.corp.corpid}`)).errcode).toBe(41004);
  });

  it('answers unknown tokens with 40014, missing ones with 41001 and expired ones with 42001 on every endpoint', async () => {
    const { access_token: token } = await get(
      `/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${appSecret()}`,
    );
    const endpoint = (t?: string) =>
      `/cgi-bin/externalcontact/get_follow_user_list${t ? `?access_token=${t}` : ''}`;
    expect((await get(endpoint(String(token)))).errcode).toBe(0);
    expect((await get(endpoint('not-a-token'))).errcode).toBe(40014);
    expect((await get(endpoint())).errcode).toBe(41001);
    h.clock.advance(7200_000);
    const expired = await get(endpoint(String(token)));
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(
      /^access_token expired, hint: \[\d+_\d+_[0-9a-f]{32}\], from ip: .+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=42001$/,
    );
    const renewed = await get(
      `/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${appSecret()}`,
    );
    expect(renewed.access_token).not.toBe(token);
    expect((await get(endpoint(String(renewed.access_token)))).errcode).toBe(0);
  });

  it('keeps the customer-service secret to kf APIs (48002 elsewhere)', async () => {
    const kf = h.corp.apps.find((a) => a.kind === 'kf')!;
    const { access_token: token } = await get(
      `/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${kf.secret}`,
    );
    expect(
      (await get(`/cgi-bin/externalcontact/get_follow_user_list?access_token=${token}`)).errcode,
    ).toBe(48002);
    const res = await h.control('POST', `/cgi-bin/kf/account/list?access_token=${token}`, {});
    expect(res.json.errcode).toBe(0);
  });

  it('answers a non-JSON body with 47001', async () => {
    const { access_token: token } = await get(
      `/cgi-bin/gettoken?corpid=${h.corp.corpid}&corpsecret=${appSecret()}`,
    );
    const res = await h.sandbox.app.inject({
      method: 'POST',
      url: `/cgi-bin/externalcontact/get_corp_tag_list?access_token=${token}`,
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.json().errcode).toBe(47001);
  });
});
