import { describe, expect, it } from 'vitest';
import { WechatApiError } from '../shared/api-errors.js';
import { useScriptedClient } from '../shared/testing/harness.js';
import { createMiniProgramClient } from './miniprogram-client.js';

const path = '/sns/jscode2session';
const secret = 'mp-app-secret-DO-NOT-LEAK';

describe('Mini Program client', () => {
  const t = useScriptedClient(({ settings }) =>
    createMiniProgramClient({ ...settings, appId: 'wxmini', secret, retry: { maxAttempts: 3 } }),
  );

  it('exchanges a login code for openid, session key and unionid', async () => {
    t.server.reply(path, {
      openid: 'oMP1',
      session_key: 'tiihtNczf5v6AKRyjwEUhQ==',
      unionid: 'oU1',
    });
    expect(await t.client.codeToSession('CODE1')).toEqual({
      openId: 'oMP1',
      sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
      unionId: 'oU1',
    });
    expect(t.server.received(path)).toMatchObject([
      {
        method: 'GET',
        query: {
          appid: 'wxmini',
          secret,
          js_code: 'CODE1',
          grant_type: 'authorization_code',
        },
      },
    ]);
    expect(t.server.received(path)[0]!.query).not.toHaveProperty('access_token');
  });

  it.each([
    [40029, 'invalid code', 'invalid_code', 1],
    [40163, 'code been used', 'invalid_code', 1],
    [40226, 'invalid request, rid: 6b3a', 'risky_user', 1],
    [45011, 'api minute-quota reach limit mustslower', 'rate_limited', 3],
  ])('answers %i with a typed %s error', async (errcode, errmsg, kind, attempts) => {
    t.server.default(path, { errcode, errmsg });
    const error = await t.client.codeToSession('CODE2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode, errmsg, kind, path });
    expect((error as Error).message).not.toContain(secret);
    expect((error as Error).message).not.toContain('CODE2');
    expect(t.server.received(path)).toHaveLength(attempts);
  });

  it('retries -1 (busy)', async () => {
    t.server.reply(
      path,
      { errcode: -1, errmsg: 'system error' },
      { openid: 'o', session_key: 'k' },
    );
    expect(await t.client.codeToSession('CODE3')).toEqual({
      openId: 'o',
      sessionKey: 'k',
      unionId: null,
    });
    expect(t.server.received(path)).toHaveLength(2);
  });
});
