import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { PeopleContext } from './people.context.js';
import { findPersonStatuses, resolvePersonId } from './person.store.js';
import type { PersonEvent } from './timeline.store.js';

type Db = Kysely<Database>;

/** Something that happened to a person, as another module reports it. */
export interface PersonEventInput {
  /**
   * The person: best the `homePersonId` of a resolution. A merged-away id is fine: the event
   * lands on the live person and goes back with an unmerge.
   */
  personId: string;
  /** `contact.added`, `oa.followed`, `order.paid`, `link.clicked`, … */
  type: string;
  source: string;
  properties?: Record<string, unknown>;
  occurredAt: number;
  /** Recording the same key twice stores one event; default: a new id (always stored). */
  dedupKey?: string;
}

const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * Appends events to persons' timelines in `trx`. Events for unknown or erased persons are
 * skipped (returned), duplicates (same dedup key) are skipped silently.
 */
export async function recordPersonEvents(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  inputs: readonly PersonEventInput[],
): Promise<{ stored: string[]; skipped: { index: number; reason: string }[] }> {
  const live = new Map<string, string | null>();
  const persons = await findPersonStatuses(
    trx,
    workspaceId,
    inputs.map((e) => e.personId),
  );
  for (const person of persons) {
    const liveId =
      person.merged_into === null ? person.id : await resolvePersonId(trx, workspaceId, person.id);
    const root =
      liveId === person.id ? person : (await findPersonStatuses(trx, workspaceId, [liveId!]))[0];
    live.set(person.id, root?.erased_at === null ? root.id : null);
  }
  const recordedAt = ctx.clock.now();
  const events: PersonEvent[] = [];
  const skipped: { index: number; reason: string }[] = [];
  inputs.forEach((input, index) => {
    if (!eventTypePattern.test(input.type) || input.type.length > 100) {
      throw new AppError('validation_failed', `Bad timeline event type "${input.type}"`);
    }
    const personId = live.get(input.personId);
    if (personId === undefined) return skipped.push({ index, reason: 'unknown person' });
    if (personId === null) return skipped.push({ index, reason: 'erased person' });
    const id = newId(recordedAt);
    events.push({
      id,
      workspaceId,
      personId,
      homePersonId: input.personId,
      type: input.type,
      source: input.source,
      properties: input.properties ?? {},
      occurredAt: input.occurredAt,
      recordedAt,
      dedupKey: input.dedupKey ?? id,
    });
  });
  return { stored: await ctx.timeline.append(trx, events), skipped };
}

/** A page of a person's timeline, newest first (a merged-away id shows the live person's). */
export async function listTimeline(
  ctx: PeopleContext,
  workspaceId: string,
  personId: string,
  query: { before?: string | undefined; limit: number; types?: readonly string[] | undefined },
): Promise<{ items: PersonEvent[]; nextCursor: string | null }> {
  const liveId = await resolvePersonId(ctx.db, workspaceId, personId);
  if (!liveId) throw new AppError('not_found', 'Customer not found');
  const before = decodeCursor(query.before);
  const items = await ctx.timeline.listForPerson(workspaceId, liveId, {
    limit: query.limit,
    types: query.types,
    before: before && { occurredAt: before.at, id: before.id },
  });
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      items.length === query.limit && last
        ? encodeCursor({ at: last.occurredAt, id: last.id })
        : null,
  };
}
