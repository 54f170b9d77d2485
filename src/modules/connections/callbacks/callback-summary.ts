import type { CallbackOutcome } from '../../../channels/shared/callback-outcome.js';

/** What the intake keeps of a parsed callback (the dispatch job parses it again for its events). */
export interface CallbackSummary {
  handled: boolean;
  dedupKey: string;
  /** The event types it became, or the platform's name for a callback not translated. */
  topic: string;
}

export function summarize(outcome: CallbackOutcome): CallbackSummary {
  return outcome.kind === 'events'
    ? {
        handled: true,
        dedupKey: outcome.dedupKey,
        topic: outcome.events.map((e) => e.type).join(','),
      }
    : { handled: false, dedupKey: outcome.dedupKey, topic: outcome.topic };
}
