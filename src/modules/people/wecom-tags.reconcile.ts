import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { insertMany, type BulkColumns } from '../../platform/db/bulk-insert.js';
import type { PeopleContext } from './people.context.js';
import { publishTagChanges, type TagChange } from './person-tag.service.js';
import { findPersonStatuses, resolvePersonId } from './person.store.js';
import type { PersonTagTable } from './tag.table.js';
import { pendingLocalTagPushes } from './wecom-tags.pending.js';
import { enqueuePull } from './wecom-tags.pull-job.js';

type Db = Kysely<Database>;

export interface ReconcileOptions {
  /** Called by the pull job: tag ids still unknown are ignored instead of pulling again. */
  afterPull?: boolean;
}

/**
 * Makes each person's corp tags the union of the WeCom tags on their active follows
 * (`follow.wecom_tag_ids`): adds and removes the difference with `changePersonTags`, source
 * `wecom` (so nothing is pushed back). Local and rule tags are not touched. A tag with a
 * local push still on its way to WeCom is left as it is (the local change is newer). WeCom tag
 * ids not known locally: a corp-tag pull job is enqueued (idempotent key), which reconciles
 * these persons again once it has pulled.
 */
export async function reconcilePersonWecomTags(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  personIds: readonly string[],
  options: ReconcileOptions = {},
): Promise<void> {
  const ids = await livePersonIds(trx, workspaceId, personIds);
  if (ids.length === 0) return;

  const wanted = await wecomTagIdsOfFollows(trx, workspaceId, ids);
  const allWecomIds = [...new Set([...wanted.values()].flatMap((s) => [...s]))];
  const corpTags = await trx
    .selectFrom('tag')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', 'corp')
    .where('deleted_at', 'is', null)
    .execute();
  const localByWecomId = new Map(
    corpTags.flatMap((t) => (t.wecom_tag_id ? [[t.wecom_tag_id, t.id] as const] : [])),
  );
  // Corp tags not created in WeCom yet cannot be on follows: their create push marks holders.
  const linked = new Map(corpTags.flatMap((t) => (t.wecom_tag_id ? [[t.id, t] as const] : [])));

  const unknown = allWecomIds.filter((w) => !localByWecomId.has(w)).sort();
  if (unknown.length > 0 && !options.afterPull) {
    const digest = createHash('sha256')
      .update(`${unknown.join(',')}|${ids.join(',')}`)
      .digest('hex')
      .slice(0, 32);
    await enqueuePull(trx, ctx, workspaceId, `unknown:${digest}`, { reconcilePersonIds: ids });
  }

  const has = new Map<string, Set<string>>();
  for (const r of await visibleTagsOf(trx, workspaceId, ids)) {
    if (!linked.has(r.tag_id)) continue;
    const set = has.get(r.person_id) ?? new Set<string>();
    set.add(r.tag_id);
    has.set(r.person_id, set);
  }
  const pending = await pendingLocalTagPushes(trx, workspaceId, ids);

  const added: TagChange[] = [];
  const removed: TagChange[] = [];
  for (const personId of ids) {
    const holds = has.get(personId) ?? new Set<string>();
    const should = new Set(
      [...(wanted.get(personId) ?? [])].flatMap((w) => localByWecomId.get(w) ?? []),
    );
    const held = pending.get(personId) ?? new Set<string>();
    for (const tagId of should)
      if (!holds.has(tagId) && !held.has(tagId)) added.push({ personId, tagId });
    for (const tagId of holds)
      if (!should.has(tagId) && !held.has(tagId)) removed.push({ personId, tagId });
  }
  if (added.length + removed.length === 0) return;
  const at = ctx.clock.now();
  await writeTagChanges(trx, workspaceId, added, removed, at);
  await publishTagChanges(
    trx,
    ctx,
    { workspaceId, source: 'wecom', by: 'wecom' },
    linked,
    { added, removed },
    at,
  );
}

/**
 * The live persons of these ids, sorted, in one query: merged-away ids are followed to
 * the person they were merged into; erased persons are left out (nothing of theirs is synced).
 */
async function livePersonIds(
  trx: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<string[]> {
  const live = new Set<string>();
  for (const row of await findPersonStatuses(trx, workspaceId, personIds)) {
    const id = row.merged_into === null ? row.id : await resolvePersonId(trx, workspaceId, row.id);
    if (id && (row.merged_into !== null || row.erased_at === null)) live.add(id);
  }
  return [...live].sort();
}

async function visibleTagsOf(trx: Db, workspaceId: string, personIds: readonly string[]) {
  const rows: { person_id: string; tag_id: string }[] = [];
  for (const chunk of chunks(personIds)) {
    rows.push(
      ...(await trx
        .selectFrom('person_tag')
        .select(['person_id', 'tag_id'])
        .where('workspace_id', '=', workspaceId)
        .where('person_id', 'in', chunk)
        .where('shadowed', '=', 0)
        .execute()),
    );
  }
  return rows;
}

/** A tag link's columns but the person's date, which a trigger writes. */
const personTagColumns: BulkColumns<Omit<PersonTagTable, 'person_added_at'>> = {
  workspace_id: 'text',
  person_id: 'text',
  home_person_id: 'text',
  tag_id: 'text',
  source: 'text',
  added_by: 'text',
  added_at: 'bigint',
  shadowed: 'integer',
};

/**
 * Adds and removes tags of many persons (live ids, tags checked by the caller) in a few
 * statements: one insert per chunk of additions, one delete per removed tag. A removal takes
 * shadowed copies from merged persons too (the person no longer has the tag).
 */
async function writeTagChanges(
  trx: Db,
  workspaceId: string,
  added: readonly TagChange[],
  removed: readonly TagChange[],
  at: number,
): Promise<void> {
  for (const chunk of chunks(added)) {
    await insertMany(
      trx,
      'person_tag',
      personTagColumns,
      chunk.map(({ personId, tagId }) => ({
        workspace_id: workspaceId,
        person_id: personId,
        home_person_id: personId,
        tag_id: tagId,
        source: 'wecom' as const,
        added_by: 'wecom',
        added_at: at,
        shadowed: 0 as const,
      })),
    ).execute();
  }
  const byTag = new Map<string, string[]>();
  for (const { personId, tagId } of removed)
    byTag.set(tagId, [...(byTag.get(tagId) ?? []), personId]);
  for (const [tagId, persons] of byTag) {
    for (const chunk of chunks(persons)) {
      await trx
        .deleteFrom('person_tag')
        .where('workspace_id', '=', workspaceId)
        .where('tag_id', '=', tagId)
        .where('person_id', 'in', chunk)
        .execute();
    }
  }
}

/** Slices of at most 500 (bind parameters stay well under the dialects' limits). */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Person id → the WeCom tag ids on their active follows. */
async function wecomTagIdsOfFollows(
  trx: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const byPerson = new Map<string, Set<string>>();
  for (const chunk of chunks(personIds)) {
    const follows = await trx
      .selectFrom('follow')
      .select(['person_id', 'wecom_tag_ids'])
      .where('workspace_id', '=', workspaceId)
      .where('person_id', 'in', chunk)
      .where('status', '=', 'active')
      .execute();
    for (const f of follows) addTagIds(byPerson, f);
  }
  return byPerson;
}

function addTagIds(
  byPerson: Map<string, Set<string>>,
  f: { person_id: string; wecom_tag_ids: string },
): void {
  const set = byPerson.get(f.person_id) ?? new Set<string>();
  for (const id of parseTagIds(f.wecom_tag_ids)) set.add(id);
  byPerson.set(f.person_id, set);
}

export function parseTagIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
