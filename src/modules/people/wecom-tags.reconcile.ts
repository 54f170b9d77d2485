import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { PeopleContext } from './people.context.js';
import { changePersonTags } from './person-tag.service.js';
import { resolvePersonId } from './person.store.js';
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
  const live = new Set<string>();
  for (const id of new Set(personIds)) {
    const liveId = await resolvePersonId(trx, workspaceId, id);
    if (liveId) live.add(liveId);
  }
  if (live.size === 0) return;
  const ids = [...live].sort();

  const wanted = await wecomTagIdsOfFollows(trx, workspaceId, ids);
  const allWecomIds = [...new Set([...wanted.values()].flatMap((s) => [...s]))];
  const corpTags = await trx
    .selectFrom('tag')
    .select(['id', 'wecom_tag_id'])
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', 'corp')
    .where('deleted_at', 'is', null)
    .execute();
  const localByWecomId = new Map(
    corpTags.flatMap((t) => (t.wecom_tag_id ? [[t.wecom_tag_id, t.id] as const] : [])),
  );
  // Corp tags not created in WeCom yet cannot be on follows: their create push marks holders.
  const corpTagIds = new Set(corpTags.flatMap((t) => (t.wecom_tag_id ? [t.id] : [])));

  const unknown = allWecomIds.filter((w) => !localByWecomId.has(w)).sort();
  if (unknown.length > 0 && !options.afterPull) {
    const digest = createHash('sha256')
      .update(`${unknown.join(',')}|${ids.join(',')}`)
      .digest('hex')
      .slice(0, 32);
    await enqueuePull(trx, ctx, workspaceId, `unknown:${digest}`, { reconcilePersonIds: ids });
  }

  const current = await trx
    .selectFrom('person_tag')
    .select(['person_id', 'tag_id'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', ids)
    .where('shadowed', '=', 0)
    .execute();
  const pending = await pendingLocalTagPushes(trx, workspaceId, ids);

  for (const personId of ids) {
    const has = new Set(
      current
        .filter((r) => r.person_id === personId && corpTagIds.has(r.tag_id))
        .map((r) => r.tag_id),
    );
    const should = new Set(
      [...(wanted.get(personId) ?? [])].flatMap((w) => {
        const local = localByWecomId.get(w);
        return local ? [local] : [];
      }),
    );
    const held = pending.get(personId) ?? new Set<string>();
    const add = [...should].filter((t) => !has.has(t) && !held.has(t));
    const remove = [...has].filter((t) => !should.has(t) && !held.has(t));
    if (add.length + remove.length === 0) continue;
    await changePersonTags(trx, ctx, {
      workspaceId,
      personIds: [personId],
      add,
      remove,
      source: 'wecom',
      by: 'wecom',
    });
  }
}

/** Person id → the WeCom tag ids on their active follows. */
async function wecomTagIdsOfFollows(
  trx: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const follows = await trx
    .selectFrom('follow')
    .select(['person_id', 'wecom_tag_ids'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', [...personIds])
    .where('status', '=', 'active')
    .execute();
  const byPerson = new Map<string, Set<string>>();
  for (const f of follows) {
    const set = byPerson.get(f.person_id) ?? new Set<string>();
    for (const id of parseTagIds(f.wecom_tag_ids)) set.add(id);
    byPerson.set(f.person_id, set);
  }
  return byPerson;
}

export function parseTagIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
