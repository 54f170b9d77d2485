import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { EventOf } from '../../events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { PeopleContext } from './people.context.js';
import { requirePerson } from './person.service.js';
import { findTags } from './tag.store.js';
import type { PersonTagSource, TagRow } from './tag.table.js';
import { recordPersonEvents } from './timeline.service.js';

type Db = Kysely<Database>;

export interface TagChange {
  personId: string;
  tagId: string;
}

export interface ChangePersonTagsInput {
  workspaceId: string;
  /** Persons (merged-away ids resolve to their live person and count as the tag's home). */
  personIds: readonly string[];
  add?: readonly string[];
  remove?: readonly string[];
  source: PersonTagSource;
  /** Audit label of who changes them (a user's email, an API key's name, `system`). */
  by: string | null;
}

/**
 * Adds and removes tags on persons in `trx` (batch). Adding a tag a person has, or removing
 * one they lack, changes nothing. Each real change is published (`person.tag_added`,
 * `person.tag_removed`: the WeCom sync marks corp tags, journeys trigger) and written to the
 * person's timeline. Unknown tags: 404; erased persons: 409.
 */
export async function changePersonTags(
  trx: Db,
  ctx: PeopleContext,
  input: ChangePersonTagsInput,
): Promise<{ added: TagChange[]; removed: TagChange[] }> {
  const { workspaceId } = input;
  const add = [...new Set(input.add ?? [])];
  const remove = [...new Set(input.remove ?? [])].filter((id) => !add.includes(id));
  const tags = await findTags(trx, workspaceId, [...add, ...remove]);
  const missing = [...add, ...remove].filter((id) => !tags.some((t) => t.id === id));
  if (missing.length > 0) throw new AppError('not_found', 'Tag not found', { tagIds: missing });
  const tagById = new Map(tags.map((t) => [t.id, t]));

  const at = ctx.clock.now();
  const added: TagChange[] = [];
  const removed: TagChange[] = [];
  for (const given of new Set(input.personIds)) {
    const person = await requirePerson(trx, workspaceId, given, { writable: true });
    const visible = new Set(
      (
        await trx
          .selectFrom('person_tag')
          .select('tag_id')
          .where('workspace_id', '=', workspaceId)
          .where('person_id', '=', person.id)
          .where('shadowed', '=', 0)
          .execute()
      ).map((r) => r.tag_id),
    );
    const toAdd = add.filter((id) => !visible.has(id));
    if (toAdd.length > 0) {
      await trx
        .insertInto('person_tag')
        .values(
          toAdd.map((tagId) => ({
            workspace_id: workspaceId,
            person_id: person.id,
            home_person_id: given,
            tag_id: tagId,
            source: input.source,
            added_by: input.by,
            added_at: at,
            shadowed: 0 as const,
          })),
        )
        .execute();
    }
    const toRemove = remove.filter((id) => visible.has(id));
    if (toRemove.length > 0) {
      // Shadowed copies from merged persons go too: the merged person no longer has the tag.
      await trx
        .deleteFrom('person_tag')
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', person.id)
        .where('tag_id', 'in', toRemove)
        .execute();
    }
    added.push(...toAdd.map((tagId) => ({ personId: person.id, tagId })));
    removed.push(...toRemove.map((tagId) => ({ personId: person.id, tagId })));
  }

  await publishTagChanges(trx, ctx, input, tagById, { added, removed }, at);
  return { added, removed };
}

/**
 * Publishes tag changes already written to `person_tag` (`person.tag_added` /
 * `person.tag_removed`, one per change) and writes them to the timeline, in `trx`. For
 * writers that change many persons' tags in bulk; `changePersonTags` calls it too.
 */
export async function publishTagChanges(
  trx: Db,
  ctx: PeopleContext,
  input: Pick<ChangePersonTagsInput, 'workspaceId' | 'source' | 'by'>,
  tagById: ReadonlyMap<string, TagRow>,
  changes: { added: readonly TagChange[]; removed: readonly TagChange[] },
  at: number,
): Promise<void> {
  const { workspaceId } = input;
  const events = [
    ...changes.added.map((c) => tagEvent('person.tag_added', c, tagById.get(c.tagId)!, input, at)),
    ...changes.removed.map((c) =>
      tagEvent('person.tag_removed', c, tagById.get(c.tagId)!, input, at),
    ),
  ];
  if (events.length === 0) return;
  await ctx.bus.publish(trx, workspaceId, events);
  await recordPersonEvents(
    trx,
    ctx,
    workspaceId,
    events.map((e) => ({
      personId: e.data.personId,
      type: e.type,
      source: input.source === 'manual' ? 'siyu' : input.source,
      properties: { tagId: e.data.tagId, tagName: e.data.tagName, by: e.data.by },
      occurredAt: at,
      dedupKey: e.dedupKey,
    })),
  );
}

function tagEvent<T extends 'person.tag_added' | 'person.tag_removed'>(
  type: T,
  change: TagChange,
  tag: TagRow,
  input: Pick<ChangePersonTagsInput, 'source' | 'by'>,
  at: number,
) {
  return {
    type,
    dedupKey: `${type}:${newId(at)}`,
    occurredAt: at,
    data: {
      personId: change.personId,
      tagId: tag.id,
      tagName: tag.name,
      groupId: tag.group_id,
      wecomTagId: tag.wecom_tag_id,
      source: input.source,
      by: input.by,
    },
  } as EventOf<T>;
}
