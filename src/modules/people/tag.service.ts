import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { isUniqueViolation } from '../workspace/workspace.context.js';
import type { PeopleContext } from './people.context.js';
import { tagGroupRowToTagGroup, tagRowToTag } from './tag.mapping.js';
import type {
  CreateTagGroupInput,
  CreateTagInput,
  Tag,
  TagGroup,
  UpdateTagGroupInput,
  UpdateTagInput,
} from './tag.schemas.js';
import {
  deleteLinksToTags,
  findTagGroup,
  findTags,
  insertTag,
  insertTagGroup,
  listTagGroupRows,
  listTagRows,
  updateTagGroupRow,
  updateTagRows,
} from './tag.store.js';
import type { TagGroupRow, TagRow } from './tag.table.js';
import { enqueueTagPush } from './wecom-tags.push-jobs.js';
import type { PushPayload } from './wecom-tags.queues.js';

const groupNotFound = () => new AppError('not_found', 'Tag group not found');
export const tagNotFound = () => new AppError('not_found', 'Tag not found');

/** Runs a change, turning a duplicate name into 409. */
async function unique<T>(what: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `${what} already exists`);
    throw error;
  }
}

/** Without an order, a new tag or group goes after its siblings. */
const lastOrder = (siblings: readonly { sort_order: number }[]) =>
  Math.max(-1, ...siblings.map((row) => row.sort_order)) + 1;

/** A tag or group renamed and/or reordered: the row as it becomes, and whether it changed. */
function renamed<R extends TagGroupRow | TagRow>(
  row: R,
  input: { name?: string | undefined; order?: number | undefined },
  now: number,
) {
  const next: R = {
    ...row,
    name: input.name ?? row.name,
    sort_order: input.order ?? row.sort_order,
    updated_at: now,
  };
  return {
    next,
    changes: { name: next.name, sort_order: next.sort_order, updated_at: now },
    changed: next.name !== row.name || next.sort_order !== row.sort_order,
    audit: {
      before: { name: row.name, order: row.sort_order },
      after: { name: next.name, order: next.sort_order },
    },
  };
}

const pushEntity = { tag_group: 'group', tag: 'tag' } as const;
const auditActions = {
  tag_group: {
    create: 'tag_group.created',
    update: 'tag_group.updated',
    delete: 'tag_group.deleted',
  },
  tag: { create: 'tag.created', update: 'tag.updated', delete: 'tag.deleted' },
} as const;

/**
 * Records a change to a tag or group in its transaction: audited, and pushed to WeCom when
 * `push` (corp-source rows whose change WeCom has not seen).
 */
async function recordTagChange(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  acting: Acting,
  change: {
    entity: keyof typeof pushEntity;
    id: string;
    action: PushPayload['action'];
    push: boolean;
    before?: unknown;
    after: unknown;
    at: number;
  },
): Promise<void> {
  const { entity, id, action, at } = change;
  if (change.push) {
    await enqueueTagPush(
      trx,
      ctx,
      acting.workspaceId,
      { entity: pushEntity[entity], id, action },
      at,
    );
  }
  await recordAudit(trx, {
    ...acting,
    action: auditActions[entity][action],
    entityType: entity,
    entityId: id,
    before: change.before,
    after: change.after,
    at,
  });
}

export async function listTagGroups(ctx: PeopleContext, workspaceId: string): Promise<TagGroup[]> {
  const [groups, tags] = await Promise.all([
    listTagGroupRows(ctx.db, workspaceId),
    listTagRows(ctx.db, workspaceId),
  ]);
  return groups.map((g) => tagGroupRowToTagGroup(g, tags));
}

/**
 * Creates a tag group (and its first tags). `wecomGroupId`/`wecomTagIds` are for the WeCom
 * sync, which creates corp groups it pulled; the API leaves them empty.
 */
export async function createTagGroup(
  ctx: PeopleContext,
  acting: Acting,
  input: CreateTagGroupInput & { wecomGroupId?: string | null },
): Promise<TagGroup> {
  const now = ctx.clock.now();
  const groups =
    input.order === undefined ? await listTagGroupRows(ctx.db, acting.workspaceId) : [];
  const group: TagGroupRow = {
    id: newId(now),
    workspace_id: acting.workspaceId,
    name: input.name,
    source: input.source ?? 'local',
    wecom_group_id: input.wecomGroupId ?? null,
    sort_order: input.order ?? lastOrder(groups),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  const tags: TagRow[] = (input.tags ?? []).map((name, i) => ({
    id: newId(now),
    workspace_id: acting.workspaceId,
    group_id: group.id,
    name,
    source: group.source,
    wecom_tag_id: null,
    sort_order: i,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  }));
  const created = tagGroupRowToTagGroup(group, tags);
  await unique('A tag group or tag with this name', () =>
    ctx.db.transaction().execute(async (trx) => {
      await insertTagGroup(trx, group);
      for (const tag of tags) await insertTag(trx, tag);
      await recordTagChange(trx, ctx, acting, {
        entity: 'tag_group',
        id: group.id,
        action: 'create',
        push: group.source === 'corp' && group.wecom_group_id === null,
        after: created,
        at: now,
      });
    }),
  );
  return created;
}

export async function updateTagGroup(
  ctx: PeopleContext,
  acting: Acting,
  id: string,
  input: UpdateTagGroupInput,
): Promise<TagGroup> {
  return unique('A tag group with this name', () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findTagGroup(trx, acting.workspaceId, id);
      if (!row) throw groupNotFound();
      const now = ctx.clock.now();
      const { next, changes, changed, audit } = renamed(row, input, now);
      await updateTagGroupRow(trx, acting.workspaceId, id, changes);
      const tags = await listTagRows(trx, acting.workspaceId, id);
      await recordTagChange(trx, ctx, acting, {
        entity: 'tag_group',
        id,
        action: 'update',
        push: row.source === 'corp' && changed,
        ...audit,
        at: now,
      });
      return tagGroupRowToTagGroup(next, tags);
    }),
  );
}

/** Deletes a group and its tags (kept as deleted rows for history); nobody has them any more. */
export async function deleteTagGroup(
  ctx: PeopleContext,
  acting: Acting,
  id: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findTagGroup(trx, acting.workspaceId, id);
    if (!row) throw groupNotFound();
    const now = ctx.clock.now();
    const tags = await listTagRows(trx, acting.workspaceId, id);
    const tagIds = tags.map((t) => t.id);
    const links = await deleteLinksToTags(trx, acting.workspaceId, tagIds);
    await updateTagRows(trx, acting.workspaceId, tagIds, { deleted_at: now, updated_at: now });
    await updateTagGroupRow(trx, acting.workspaceId, id, { deleted_at: now, updated_at: now });
    await recordTagChange(trx, ctx, acting, {
      entity: 'tag_group',
      id,
      action: 'delete',
      push: row.source === 'corp' && row.wecom_group_id !== null,
      before: tagGroupRowToTagGroup(row, tags),
      after: { removedFromPersons: links },
      at: now,
    });
  });
}

export async function createTag(
  ctx: PeopleContext,
  acting: Acting,
  groupId: string,
  input: CreateTagInput & { wecomTagId?: string | null },
): Promise<Tag> {
  return unique('A tag with this name in the group', () =>
    ctx.db.transaction().execute(async (trx) => {
      const group = await findTagGroup(trx, acting.workspaceId, groupId);
      if (!group) throw groupNotFound();
      const now = ctx.clock.now();
      const siblings = await listTagRows(trx, acting.workspaceId, groupId);
      const row: TagRow = {
        id: newId(now),
        workspace_id: acting.workspaceId,
        group_id: groupId,
        name: input.name,
        source: group.source,
        wecom_tag_id: input.wecomTagId ?? null,
        sort_order: input.order ?? lastOrder(siblings),
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      await insertTag(trx, row);
      const tag = tagRowToTag(row);
      await recordTagChange(trx, ctx, acting, {
        entity: 'tag',
        id: row.id,
        action: 'create',
        push: row.source === 'corp' && row.wecom_tag_id === null,
        after: tag,
        at: now,
      });
      return tag;
    }),
  );
}

export async function updateTag(
  ctx: PeopleContext,
  acting: Acting,
  id: string,
  input: UpdateTagInput,
): Promise<Tag> {
  return unique('A tag with this name in the group', () =>
    ctx.db.transaction().execute(async (trx) => {
      const [row] = await findTags(trx, acting.workspaceId, [id]);
      if (!row) throw tagNotFound();
      const now = ctx.clock.now();
      const { next, changes, changed, audit } = renamed(row, input, now);
      await updateTagRows(trx, acting.workspaceId, [id], changes);
      await recordTagChange(trx, ctx, acting, {
        entity: 'tag',
        id,
        action: 'update',
        push: row.source === 'corp' && changed,
        ...audit,
        at: now,
      });
      return tagRowToTag(next);
    }),
  );
}

/** Deletes a tag: it is removed from every person (no per-person events), kept as a deleted row. */
export async function deleteTag(ctx: PeopleContext, acting: Acting, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const [row] = await findTags(trx, acting.workspaceId, [id]);
    if (!row) throw tagNotFound();
    const now = ctx.clock.now();
    const links = await deleteLinksToTags(trx, acting.workspaceId, [id]);
    await updateTagRows(trx, acting.workspaceId, [id], { deleted_at: now, updated_at: now });
    await recordTagChange(trx, ctx, acting, {
      entity: 'tag',
      id,
      action: 'delete',
      push: row.source === 'corp' && row.wecom_tag_id !== null,
      before: tagRowToTag(row),
      after: { removedFromPersons: links },
      at: now,
    });
  });
}
