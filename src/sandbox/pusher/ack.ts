import { parseXml } from '../../channels/shared/xml.js';
import { nonEmptyTextOf } from '../../channels/shared/xml-read.js';
import type { Receiver } from '../state/platform.js';
import { cryptFor } from './envelope.js';

export interface Ack {
  ok: boolean;
  /** The passive reply XML (decrypted in safe mode), when the receiver answered with one. */
  reply: string | null;
  error: string | null;
}

/**
 * A receiver acknowledges with HTTP 200 and `success` or an empty body; it may also answer
 * with a passive reply (`<xml>…</xml>`, sealed as `<xml><Encrypt/>…</xml>` when encrypted).
 */
export function readAck(receiver: Receiver, status: number, body: string): Ack {
  if (status < 200 || status >= 300) return { ok: false, reply: null, error: `HTTP ${status}` };
  const text = body.trim();
  if (text === '' || text === 'success') return { ok: true, reply: null, error: null };
  try {
    const root = parseXml(text);
    const encrypt = nonEmptyTextOf(root, 'Encrypt');
    if (encrypt === undefined) return { ok: true, reply: text, error: null };
    const crypt = cryptFor(receiver);
    crypt.verify(
      {
        msgSignature: nonEmptyTextOf(root, 'MsgSignature'),
        timestamp: nonEmptyTextOf(root, 'TimeStamp') ?? '',
        nonce: nonEmptyTextOf(root, 'Nonce') ?? '',
      },
      encrypt,
    );
    return { ok: true, reply: crypt.decrypt(encrypt), error: null };
  } catch (error) {
    return {
      ok: false,
      reply: null,
      error: `unexpected answer (want "success", empty or a reply XML): ${(error as Error).message}`,
    };
  }
}
