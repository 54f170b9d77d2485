import { parseOaCallback } from '../../../channels/oa/callbacks.js';
import type { CallbackOutcome } from '../../../channels/shared/callback-outcome.js';
import { verifyOaSignature } from '../../../channels/shared/wxbiz-crypto.js';
import type { CallbackTarget } from './callback-targets.js';
import { CallbackRejected, requireParams } from './callback-rejection.js';
import type { CallbackIntake } from './callback-intake.js';
import { ack, assertActive, plainText, type CallbackReply } from './callback-reply.js';
import { summarize } from './callback-summary.js';

/**
 * A passive reply to an Official Account message: the reply XML, or null to answer `success`.
 * The hook for auto-replies; none is built yet. In safe mode the receiver encrypts it.
 */
export type PassiveReplyHook = (input: {
  target: CallbackTarget;
  plaintext: string;
  outcome: CallbackOutcome;
}) => Promise<string | null>;

/** `GET ?signature&timestamp&nonce&echostr` (3-item signature): echoes echostr unchanged. */
export function verifyOaUrl(target: CallbackTarget, query: unknown): CallbackReply {
  const q = requireParams(query, ['signature', 'timestamp', 'nonce', 'echostr']);
  verifyOaSignature(target.token, q);
  return { outcome: 'verified', body: q.echostr, contentType: plainText };
}

/**
 * A POST in plaintext mode (3-item signature, XML as is) or safe mode (`encrypt_type=aes` and
 * the 4-item `msg_signature` over Encrypt). A safe-mode connection refuses plaintext posts:
 * their body is not covered by any signature.
 */
export async function receiveOa(
  intake: CallbackIntake,
  target: CallbackTarget,
  query: unknown,
  body: string,
  passiveReply?: PassiveReplyHook,
): Promise<CallbackReply> {
  const q = requireParams(query, ['signature', 'timestamp', 'nonce']);
  verifyOaSignature(target.token, q);
  const encrypted = (query as Record<string, unknown>).encrypt_type === 'aes';
  let plaintext: string;
  if (target.encryptMode === 'safe') {
    if (!encrypted || !target.crypt) throw new CallbackRejected('not_encrypted');
    const { msg_signature } = requireParams(query, ['msg_signature']);
    plaintext = target.crypt.openCallback(
      { msgSignature: msg_signature, timestamp: q.timestamp, nonce: q.nonce },
      body,
    ).plaintext;
  } else {
    if (encrypted) throw new CallbackRejected('not_configured');
    plaintext = body;
  }
  assertActive(target);
  const outcome = parseOaCallback(plaintext, { appId: target.appId });
  const stored = await intake.store('oa', target, plaintext, summarize(outcome));
  const reply =
    stored === 'duplicate'
      ? null
      : ((await passiveReply?.({ target, plaintext, outcome })) ?? null);
  if (reply === null) return ack(stored);
  return {
    outcome: stored,
    body: target.crypt && target.encryptMode === 'safe' ? target.crypt.sealReply(reply) : reply,
    contentType: 'application/xml; charset=utf-8',
  };
}
