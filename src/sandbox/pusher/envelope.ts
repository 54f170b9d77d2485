import { randomInt } from 'node:crypto';
import { oaSignature, WxBizMsgCrypt } from '../../channels/shared/wxbiz-crypto.js';
import type { Receiver } from '../state/platform.js';

/** What goes on the wire for one callback: the query string and the body. */
export interface Envelope {
  query: Record<string, string>;
  body: string;
}

export type OaEncryptMode = 'plaintext' | 'compatible' | 'safe';

export function cryptFor(receiver: Receiver): WxBizMsgCrypt {
  return new WxBizMsgCrypt({
    token: receiver.token,
    encodingAesKey: receiver.encodingAesKey,
    receiveId: receiver.receiveId,
  });
}

export function makeNonce(): string {
  return String(randomInt(100_000_000, 2_000_000_000));
}

/** WeCom: always encrypted, `msg_signature,timestamp,nonce` + `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export function wecomEnvelope(receiver: Receiver, plaintext: string, timestamp: string): Envelope {
  const sealed = cryptFor(receiver).sealCallback(
    plaintext,
    {
      toUserName: receiver.receiveId,
      ...(receiver.agentId === null ? {} : { agentId: receiver.agentId }),
    },
    { timestamp, nonce: makeNonce() },
  );
  return { query: sealed.query, body: sealed.body };
}

/**
 * Official Account: every POST carries `signature,timestamp,nonce,openid`; safe and compatible
 * modes add `encrypt_type=aes&msg_signature` and an `<Encrypt>` element (compatible mode keeps
 * the plaintext fields beside it).
 */
export function oaEnvelope(
  receiver: Receiver,
  mode: OaEncryptMode,
  plaintext: string,
  toUserName: string,
  openid: string,
  timestamp: string,
): Envelope {
  const nonce = makeNonce();
  const query: Record<string, string> = {
    signature: oaSignature(receiver.token, timestamp, nonce),
    timestamp,
    nonce,
    openid,
  };
  if (mode === 'plaintext') return { query, body: plaintext };
  const sealed = cryptFor(receiver).seal(plaintext, { timestamp, nonce });
  query.encrypt_type = 'aes';
  query.msg_signature = sealed.msgSignature;
  const encrypt = `<Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt>`;
  const body =
    mode === 'safe'
      ? `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName>${encrypt}</xml>`
      : plaintext.replace(/<\/xml>\s*$/, `${encrypt}</xml>`);
  return { query, body };
}
