import type { CallbackTarget } from './callback-targets.js';
import { requireParams } from './callback-rejection.js';
import type { CallbackIntake } from './callback-intake.js';
import type { InboxTarget } from './inbox-batch.js';
import type { CallbackOpener } from './callback-opener.js';
import { ack, assertActive, plainText, type CallbackReply } from './callback-reply.js';
import { openingError } from './wecom-opening.js';

/** A WeCom connection always has its EncodingAESKey; the service guarantees it. */
function keysOf(target: CallbackTarget) {
  if (!target.crypt || target.encodingAesKey === null) {
    throw new Error(`WeCom connection ${target.connectionId} has no AES key`);
  }
  return { crypt: target.crypt, encodingAesKey: target.encodingAesKey };
}

/** `GET ?msg_signature&timestamp&nonce&echostr`: answers the decrypted echostr, bare. */
export function verifyWecomUrl(target: CallbackTarget, query: unknown): CallbackReply {
  const q = requireParams(query, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  const echo = keysOf(target).crypt.verifyUrl({
    msgSignature: q.msg_signature,
    timestamp: q.timestamp,
    nonce: q.nonce,
    echostr: q.echostr,
  });
  return { outcome: 'verified', body: echo, contentType: plainText };
}

/**
 * An encrypted POST: verify → decrypt → parse (by the opener, off this thread when it has
 * threads) → store (by the opener's thread when it has the inbox, else by the intake here) →
 * `success`. A disabled connection is refused once the signature holds, whatever the XML.
 */
export async function receiveWecom(
  deps: { intake: CallbackIntake; opener: CallbackOpener },
  target: CallbackTarget,
  query: unknown,
  body: string,
): Promise<CallbackReply> {
  const q = requireParams(query, ['msg_signature', 'timestamp', 'nonce']);
  const receipt = await deps.opener.open(
    {
      token: target.token,
      encodingAesKey: keysOf(target).encodingAesKey,
      receiveId: target.appId,
      query: { msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce },
      body,
    },
    target.status === 'active' ? inboxTargetOf(target) : undefined,
  );
  if (receipt.status === 'unopened') throw openingError(receipt.failure);
  assertActive(target);
  switch (receipt.status) {
    case 'unparsable':
      throw openingError(receipt.failure);
    case 'stored':
      return ack(await deps.intake.storedElsewhere(target, receipt.outcome));
    case 'opened':
      return ack(await deps.intake.store('wecom', target, receipt.plaintext, receipt.summary));
  }
}

function inboxTargetOf(target: CallbackTarget): InboxTarget {
  return {
    workspaceId: target.workspaceId,
    connectionId: target.connectionId,
    appId: target.appId,
  };
}
