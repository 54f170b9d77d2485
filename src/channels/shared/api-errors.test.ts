import { describe, expect, it } from 'vitest';
import { classifyErrcode, redactSecrets, WechatApiError } from './api-errors.js';

describe('WeChat API errors', () => {
  it.each([
    [-1, 'unavailable'],
    [40001, 'auth'],
    [40013, 'auth'],
    [40014, 'auth'],
    [42001, 'auth'],
    [60020, 'ip_not_allowed'],
    [40164, 'ip_not_allowed'],
    [60011, 'permission'],
    [48002, 'permission'],
    [45009, 'rate_limited'],
    [45011, 'rate_limited'],
    [45033, 'rate_limited'],
    [45047, 'quota_exceeded'],
    [84061, 'not_found'],
    [60111, 'not_found'],
    [40029, 'invalid_code'],
    [40226, 'risky_user'],
    [41051, 'already_done'],
    [41096, 'conflict'],
    [40058, 'invalid_argument'],
    [41004, 'invalid_argument'],
    [47001, 'invalid_argument'],
    [48009, 'permission'],
    [90500, 'unknown'],
  ])('classifies %i as %s', (errcode, kind) => {
    expect(classifyErrcode(errcode)).toBe(kind);
  });

  it('say what failed and whether a retry can help', () => {
    const error = new WechatApiError({
      path: '/cgi-bin/externalcontact/get',
      errcode: 84061,
      errmsg: 'not external contact',
    });
    expect(error.message).toBe(
      'WeChat API /cgi-bin/externalcontact/get failed (not_found): 84061 not external contact',
    );
    expect(error.retryable).toBe(false);
    expect(new WechatApiError({ path: '/x', errcode: 41096, errmsg: '' }).retryable).toBe(true);
    expect(
      new WechatApiError({ path: '/x', errcode: null, errmsg: 'network error: ECONNRESET' }),
    ).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      message: 'WeChat API /x failed (unavailable): network error: ECONNRESET',
    });
  });

  it('mask credentials quoted in any text', () => {
    expect(
      redactSecrets(
        'GET /cgi-bin/gettoken?corpid=ww1&corpsecret=abc123 then /x?access_token=T0K&js_code=C&secret=S',
      ),
    ).toBe(
      'GET /cgi-bin/gettoken?corpid=ww1&corpsecret=*** then /x?access_token=***&js_code=***&secret=***',
    );
  });
});
