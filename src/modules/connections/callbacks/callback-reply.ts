import type { CallbackTarget } from './callback-targets.js';
import { CallbackRejected } from './callback-rejection.js';
import type { IntakeOutcome } from './inbox-batch.js';

/** What a receiver answers an accepted callback with. */
export interface CallbackReply {
  outcome: IntakeOutcome | 'verified';
  body: string;
  contentType: string;
}

export const plainText = 'text/plain; charset=utf-8';

/** The acknowledgement both platforms accept (`success`; an empty body would do too). */
export const ack = (outcome: IntakeOutcome): CallbackReply => ({
  outcome,
  body: 'success',
  contentType: plainText,
});

/** Checked after the signature, so only the platform itself learns a connection is disabled. */
export function assertActive(target: CallbackTarget): void {
  if (target.status !== 'active') throw new CallbackRejected('connection_disabled');
}
