/**
 * The WeCom connection the callbacks benchmark talks to, and the encrypted
 * `add_external_contact` callbacks it sends, sealed exactly as the platform seals them.
 */
import { WxBizMsgCrypt, type WxCryptoDeps } from '../src/channels/shared/wxbiz-crypto.js';

export const benchConnection = {
  slug: 'default',
  corpId: 'wwbench0a1b2c3d4e5f',
  agentId: 1000002,
  secret: 'benchAppSecret-0123456789abcdefghijklmnopqr',
  token: 'siyuBenchToken2026',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

/** A request as the load generator sends it: path with query string, headers, body. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export const callbackPath = (slug: string = benchConnection.slug) => `/callbacks/${slug}/wecom`;

export function benchCrypt(
  overrides: Partial<{ token: string; aesKey: string; corpId: string }> = {},
  deps?: WxCryptoDeps,
): WxBizMsgCrypt {
  return new WxBizMsgCrypt(
    {
      token: overrides.token ?? benchConnection.token,
      encodingAesKey: overrides.aesKey ?? benchConnection.aesKey,
      receiveId: overrides.corpId ?? benchConnection.corpId,
    },
    deps,
  );
}

/** The decrypted XML of callback number `i`: its own ExternalUserID and CreateTime. */
export function addExternalContactXml(i: number, corpId: string = benchConnection.corpId): string {
  const createTime = 1_700_000_000 + i;
  return (
    `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName>` +
    `<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime>` +
    `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
    `<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>` +
    `<ExternalUserID><![CDATA[wmBench${String(i).padStart(22, '0')}]]></ExternalUserID>` +
    `<State><![CDATA[bench]]></State><WelcomeCode><![CDATA[WELCOME${i}]]></WelcomeCode></xml>`
  );
}

/** Signs and encrypts `plaintext` as a WeCom POST to `slug`. */
export function sealedRequest(
  crypt: WxBizMsgCrypt,
  plaintext: string,
  slug: string = benchConnection.slug,
): BenchRequest {
  const { body, query } = crypt.sealCallback(plaintext, {
    toUserName: benchConnection.corpId,
    agentId: String(benchConnection.agentId),
  });
  return {
    method: 'POST',
    path: `${callbackPath(slug)}?${new URLSearchParams(query).toString()}`,
    headers: { 'content-type': 'text/xml' },
    body: Buffer.from(body, 'utf8'),
  };
}

/** Valid, distinct callbacks `first … first + count - 1` (none is a duplicate of another). */
export function validCallbacks(first: number, count: number): BenchRequest[] {
  const crypt = benchCrypt();
  return Array.from({ length: count }, (_, k) =>
    sealedRequest(crypt, addExternalContactXml(first + k)),
  );
}
