import { randomInt } from 'node:crypto';
import { oaSignature } from '../../channels/shared/wxbiz-crypto.js';
import type { Receiver } from '../state/platform.js';
import { cryptFor, makeNonce } from './envelope.js';

export interface UrlVerification {
  ok: boolean;
  status: number | null;
  /** What the receiver answered (first 500 characters). */
  body: string | null;
  expected: string;
  error: string | null;
}

/**
 * The check the admin console runs when a callback URL is saved. WeCom: GET with
 * `msg_signature,timestamp,nonce,echostr` (echostr encrypted) and the decrypted plaintext
 * expected back, bare. Official Account: GET with `signature,timestamp,nonce,echostr` and
 * echostr expected back unchanged.
 */
export async function verifyReceiverUrl(
  receiver: Receiver,
  timestamp: string,
  timeoutMs = 5000,
): Promise<UrlVerification> {
  const expected = String(randomInt(1_000_000_000, 2 ** 47));
  const nonce = makeNonce();
  const url = new URL(receiver.url);
  if (receiver.key.startsWith('wecom:')) {
    const sealed = cryptFor(receiver).seal(expected, { timestamp, nonce });
    url.searchParams.set('msg_signature', sealed.msgSignature);
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('echostr', sealed.encrypt);
  } else {
    url.searchParams.set('signature', oaSignature(receiver.token, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('echostr', expected);
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return {
      ok: response.status === 200 && body === expected,
      status: response.status,
      body: body.slice(0, 500),
      expected,
      error:
        response.status === 200 && body !== expected
          ? 'the answer is not the expected echostr plaintext'
          : null,
    };
  } catch (error) {
    return { ok: false, status: null, body: null, expected, error: (error as Error).message };
  }
}
