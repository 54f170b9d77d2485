import { domainEventSchema, type DomainEvent, type DomainEventType } from '../../events/index.js';
import { XmlRejectedError } from './xml.js';

/**
 * What a channel's callback parser makes of one decrypted callback: domain events, or an
 * explicit `unhandled` result for a well-formed callback it does not (yet) translate. The
 * receiver keeps both (with their dedup keys); only XML that fails to parse is refused.
 */
export type CallbackOutcome = HandledCallback | UnhandledCallback;

export interface HandledCallback {
  readonly kind: 'events';
  /** The callback's own key (for the inbox); each event's key derives from it. */
  readonly dedupKey: string;
  readonly events: readonly DomainEvent[];
}

export interface UnhandledCallback {
  readonly kind: 'unhandled';
  /** `unknown_type`: a kind of callback not in the catalog; `invalid`: a known kind with missing or bad fields. */
  readonly reason: 'unknown_type' | 'invalid';
  /** The callback's kind as the platform names it, e.g. `event/change_contact/create_party`. */
  readonly topic: string;
  readonly dedupKey: string;
  readonly occurredAt: number | undefined;
  readonly detail?: string;
}

/** An event as a channel mapper drafts it, before the envelope is added and it is validated. */
export interface EventDraft {
  readonly type: DomainEventType;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OutcomeContext {
  readonly topic: string;
  readonly dedupKey: string;
  readonly occurredAt: number | undefined;
}

/**
 * Wraps drafts into validated events. A draft that breaks the catalog's schema, or a mapper
 * that found the XML's shape wrong, makes the whole callback `invalid` (kept, not dropped).
 * `null` drafts mean the mapper does not know this kind of callback.
 */
export function toOutcome(
  context: OutcomeContext,
  draft: () => readonly EventDraft[] | null,
): CallbackOutcome {
  let drafts: readonly EventDraft[] | null;
  try {
    drafts = draft();
  } catch (error) {
    if (error instanceof XmlRejectedError) return unhandled(context, 'invalid', error.message);
    throw error;
  }
  if (drafts === null) return unhandled(context, 'unknown_type');
  const events: DomainEvent[] = [];
  for (const { type, data } of drafts) {
    const parsed = domainEventSchema.safeParse({
      type,
      // One callback may yield several events; each needs its own key.
      dedupKey: drafts.length > 1 ? `${context.dedupKey}:${type}` : context.dedupKey,
      occurredAt: context.occurredAt,
      data: withoutUndefined(data),
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      );
      return unhandled(context, 'invalid', `${type}: ${issues.join('; ')}`);
    }
    events.push(parsed.data);
  }
  return { kind: 'events', dedupKey: context.dedupKey, events };
}

// Module-level rather than a closure per call: a callback outcome is made thousands of times a second.
function unhandled(
  context: OutcomeContext,
  reason: UnhandledCallback['reason'],
  detail?: string,
): UnhandledCallback {
  return {
    kind: 'unhandled',
    reason,
    topic: context.topic,
    dedupKey: context.dedupKey,
    occurredAt: context.occurredAt,
    ...(detail === undefined ? {} : { detail }),
  };
}

function withoutUndefined(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in data) if (data[key] !== undefined) out[key] = data[key];
  return out;
}

/** Platform times are whole seconds as text; domain times are epoch milliseconds. */
export function secondsToMs(seconds: string | undefined): number | undefined {
  return seconds !== undefined && /^\d{1,12}$/.test(seconds) ? Number(seconds) * 1000 : undefined;
}
