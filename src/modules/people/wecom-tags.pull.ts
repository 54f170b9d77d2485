import type { Kysely } from 'kysely';
import type { CorpTagGroup } from '../../channels/wecom/client/corp-tags.js';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import type { PeopleContext } from './people.context.js';
import { deleteLinksToTags, updateTagGroupRow, updateTagRows } from './tag.store.js';
import type { TagGroupRow, TagRow } from './tag.table.js';
import { pendingLocalPushes } from './wecom-tags.push-jobs.js';
import { parseTagIds, reconcilePersonWecomTags } from './wecom-tags.reconcile.js';

type Db = Kysely<Database>;

export interface PullResult {
  /** Corp groups and tags in WeCom now. */
  groups: number;
  tags: number;
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Pulls the corp tag library from WeCom (`corpTags.list`) into Siyu's corp groups and tags:
 * creates what is new, follows renames and reorders, deletes (and takes off every person)
 * what WeCom no longer has. Local corp tags not yet created in WeCom are matched by name, or
 * left for their create push. A change made in Siyu whose push is still on its way wins (it is
 * the newer one): a renamed or reordered tag keeps its local name and order, a deleted one is
 * not created again; otherwise WeCom's name and order win. Then reconciles
 * `reconcilePersonIds` (persons whose follows named tags unknown before). For the import and
 * the `tag.changed` job; throws a `conflict` when the workspace has no WeCom connection.
 */
export async function pullCorpTags(
  ctx: PeopleContext,
  workspaceId: string,
  options: { reconcilePersonIds?: readonly string[] } = {},
): Promise<PullResult> {
  const client = await ctx.clients.requireWecom(workspaceId);
  const remote = await client.corpTags.list();
  return ctx.db.transaction().execute(async (trx) => {
    const result = await applyCorpTagLibrary(trx, ctx, workspaceId, remote);
    if (options.reconcilePersonIds?.length) {
      await reconcilePersonWecomTags(trx, ctx, workspaceId, options.reconcilePersonIds, {
        afterPull: true,
      });
    }
    return result;
  });
}

/** Applies WeCom's corp tag library to the workspace's corp groups and tags, in `trx`. */
export async function applyCorpTagLibrary(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  remote: readonly CorpTagGroup[],
): Promise<PullResult> {
  const now = ctx.clock.now();
  const result: PullResult = { groups: 0, tags: 0, created: 0, updated: 0, deleted: 0 };
  const groups = await trx
    .selectFrom('tag_group')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .execute();
  const tags = await trx
    .selectFrom('tag')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .execute();
  const pending = await pendingLocalPushes(trx, workspaceId);
  const deleting = await wecomIdsBeingDeleted(trx, workspaceId, pending.deleting);
  const seenGroups = new Set<string>();
  const seenTags = new Set<string>();

  for (const rg of remote.filter((g) => !g.deleted && !deleting.groups.has(g.id))) {
    result.groups++;
    let group =
      groups.find((g) => g.wecom_group_id === rg.id) ??
      groups.find((g) => g.source === 'corp' && g.wecom_group_id === null && g.name === rg.name);
    if (!group) {
      group = {
        id: newId(now),
        workspace_id: workspaceId,
        name: freeName(rg.name, groups),
        source: 'corp',
        wecom_group_id: rg.id,
        sort_order: rg.order,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      await trx.insertInto('tag_group').values(group).execute();
      groups.push(group);
      result.created++;
    } else {
      const mine = pending.changing.has(group.id);
      const name = mine ? group.name : freeName(rg.name, groups, group);
      const order = mine ? group.sort_order : rg.order;
      if (group.wecom_group_id !== rg.id || group.name !== name || group.sort_order !== order) {
        await updateTagGroupRow(trx, workspaceId, group.id, {
          wecom_group_id: rg.id,
          name,
          sort_order: order,
          updated_at: now,
        });
        Object.assign(group, { wecom_group_id: rg.id, name, sort_order: order });
        result.updated++;
      }
    }
    seenGroups.add(group.id);

    const siblings = () => tags.filter((t) => t.group_id === group.id);
    for (const rt of rg.tags.filter((x) => !x.deleted && !deleting.tags.has(x.id))) {
      result.tags++;
      let tag =
        tags.find((t) => t.wecom_tag_id === rt.id) ??
        siblings().find((t) => t.wecom_tag_id === null && t.name === rt.name);
      if (!tag) {
        tag = {
          id: newId(now),
          workspace_id: workspaceId,
          group_id: group.id,
          name: freeName(rt.name, siblings()),
          source: 'corp',
          wecom_tag_id: rt.id,
          sort_order: rt.order,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        };
        await trx.insertInto('tag').values(tag).execute();
        tags.push(tag);
        result.created++;
      } else {
        const mine = pending.changing.has(tag.id);
        const name = mine ? tag.name : freeName(rt.name, siblings(), tag);
        const order = mine ? tag.sort_order : rt.order;
        const changed =
          tag.wecom_tag_id !== rt.id ||
          tag.group_id !== group.id ||
          tag.name !== name ||
          tag.sort_order !== order;
        if (changed) {
          const next = { wecom_tag_id: rt.id, group_id: group.id, name, sort_order: order };
          await updateTagRows(trx, workspaceId, [tag.id], { ...next, updated_at: now });
          Object.assign(tag, next);
          result.updated++;
        }
      }
      seenTags.add(tag.id);
    }
  }

  // Linked before and gone from WeCom now: deleted there.
  const goneTags = tags.filter((t) => t.wecom_tag_id !== null && !seenTags.has(t.id));
  const goneGroups = groups.filter((g) => g.wecom_group_id !== null && !seenGroups.has(g.id));
  const goneTagIds = [
    ...goneTags.map((t) => t.id),
    ...tags.filter((t) => goneGroups.some((g) => g.id === t.group_id)).map((t) => t.id),
  ];
  result.deleted += await deleteTagsAndGroups(trx, ctx, workspaceId, goneTagIds, goneGroups);
  await forgetWecomTagIds(
    trx,
    ctx,
    workspaceId,
    goneTags.flatMap((t) => (t.wecom_tag_id ? [t.wecom_tag_id] : [])),
  );
  return result;
}

/** A name not taken by another row (WeCom names may clash with a Siyu-only group). */
function freeName(
  wanted: string,
  rows: readonly (TagGroupRow | TagRow)[],
  self?: TagGroupRow | TagRow,
): string {
  const taken = (name: string) => rows.some((r) => r !== self && r.name === name);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted} (WeCom ${i})`)) return `${wanted} (WeCom ${i})`;
}

/** Deletes tags (off every person) and groups, keeping the rows as deleted. */
async function deleteTagsAndGroups(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  tagIds: readonly string[],
  groups: readonly TagGroupRow[],
): Promise<number> {
  const now = ctx.clock.now();
  const ids = [...new Set(tagIds)];
  await deleteLinksToTags(trx, workspaceId, ids);
  await updateTagRows(trx, workspaceId, ids, { deleted_at: now, updated_at: now });
  for (const g of groups) {
    await updateTagGroupRow(trx, workspaceId, g.id, { deleted_at: now, updated_at: now });
  }
  return ids.length + groups.length;
}

/** WeCom takes deleted tags off its customers; so do the stored follows. */
async function forgetWecomTagIds(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  wecomTagIds: readonly string[],
): Promise<void> {
  for (const wecomTagId of wecomTagIds) {
    const follows = await trx
      .selectFrom('follow')
      .select(['id', 'wecom_tag_ids'])
      .where('workspace_id', '=', workspaceId)
      .where('wecom_tag_ids', 'like', `%${JSON.stringify(wecomTagId)}%`)
      .execute();
    for (const f of follows) {
      const next = parseTagIds(f.wecom_tag_ids).filter((id) => id !== wecomTagId);
      await trx
        .updateTable('follow')
        .set({ wecom_tag_ids: JSON.stringify(next), updated_at: ctx.clock.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', f.id)
        .execute();
    }
  }
}

/** The WeCom ids of tags and groups deleted in Siyu whose delete has not reached WeCom yet. */
async function wecomIdsBeingDeleted(trx: Db, workspaceId: string, ids: Set<string>) {
  if (ids.size === 0) return { tags: new Set<string>(), groups: new Set<string>() };
  const tags = await trx
    .selectFrom('tag')
    .select('wecom_tag_id as wecomId')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  const groups = await trx
    .selectFrom('tag_group')
    .select('wecom_group_id as wecomId')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  const wecomIds = (rows: { wecomId: string | null }[]) =>
    new Set(rows.flatMap((r) => (r.wecomId ? [r.wecomId] : [])));
  return { tags: wecomIds(tags), groups: wecomIds(groups) };
}
