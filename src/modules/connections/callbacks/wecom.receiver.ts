import { parseWecomCallback } from '../../../channels/wecom/callbacks.js';
import type { CallbackTarget } from './callback-targets.js';
import { requireParams } from './callback-rejection.js';
import type { CallbackIntake } from './callback-intake.js';
import { ack, assertActive, plainText, type CallbackReply } from './callback-reply.js';

function cryptOf(target: CallbackTarget) {
  // A WeCom connection always has its EncodingAESKey; the service guarantees it.
  if (!target.crypt) throw new Error(`WeCom connection ${target.connectionId} has no AES key`);
  return target.crypt;
}

/** `GET ?msg_signature&timestamp&nonce&echostr`: answers the decrypted echostr, bare. */
export function verifyWecomUrl(target: CallbackTarget, query: unknown): CallbackReply {
  const q = requireParams(query, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  const echo = cryptOf(target).verifyUrl({
    msgSignature: q.msg_signature,
    timestamp: q.timestamp,
    nonce: q.nonce,
    echostr: q.echostr,
  });
  return { outcome: 'verified', body: echo, contentType: plainText };
}

/** An encrypted POST: verify → decrypt → parse → store and publish → `success`. */
export async function receiveWecom(
  intake: CallbackIntake,
  target: CallbackTarget,
  query: unknown,
  body: string,
): Promise<CallbackReply> {
  const q = requireParams(query, ['msg_signature', 'timestamp', 'nonce']);
  const opened = cryptOf(target).openCallback(
    { msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce },
    body,
  );
  assertActive(target);
  const outcome = parseWecomCallback(opened.plaintext);
  return ack(await intake.store('wecom', target, opened.plaintext, outcome));
}
