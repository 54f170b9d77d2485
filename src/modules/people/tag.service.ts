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
    sort_order: input.order ?? Math.max(-1, ...groups.map((g) => g.sort_order)) + 1,
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
      if (group.source === 'corp' && group.wecom_group_id === null) {
        await enqueueTagPush(
          trx,
          ctx,
          acting.workspaceId,
          { entity: 'group', id: group.id, action: 'create' },
          now,
        );
      }
      await recordAudit(trx, {
        ...acting,
        action: 'tag_group.created',
        entityType: 'tag_group',
        entityId: group.id,
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
      const next: TagGroupRow = {
        ...row,
        name: input.name ?? row.name,
        sort_order: input.order ?? row.sort_order,
        updated_at: now,
      };
      await updateTagGroupRow(trx, acting.workspaceId, id, {
        name: next.name,
        sort_order: next.sort_order,
        updated_at: now,
      });
      const tags = await listTagRows(trx, acting.workspaceId, id);
      if (row.source === 'corp' && (next.name !== row.name || next.sort_order !== row.sort_order)) {
        await enqueueTagPush(
          trx,
          ctx,
          acting.workspaceId,
          { entity: 'group', id, action: 'update' },
          now,
        );
      }
      await recordAudit(trx, {
        ...acting,
        action: 'tag_group.updated',
        entityType: 'tag_group',
        entityId: id,
        before: { name: row.name, order: row.sort_order },
        after: { name: next.name, order: next.sort_order },
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
    const links = await deleteLinksToTags(
      trx,
      acting.workspaceId,
      tags.map((t) => t.id),
    );
    await updateTagRows(
      trx,
      acting.workspaceId,
      tags.map((t) => t.id),
      { deleted_at: now, updated_at: now },
    );
    await updateTagGroupRow(trx, acting.workspaceId, id, { deleted_at: now, updated_at: now });
    if (row.source === 'corp' && row.wecom_group_id !== null) {
      await enqueueTagPush(
        trx,
        ctx,
        acting.workspaceId,
        { entity: 'group', id, action: 'delete' },
        now,
      );
    }
    await recordAudit(trx, {
      ...acting,
      action: 'tag_group.deleted',
      entityType: 'tag_group',
      entityId: id,
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
        // Without an order, a new tag goes last.
        sort_order: input.order ?? Math.max(-1, ...siblings.map((t) => t.sort_order)) + 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      await insertTag(trx, row);
      if (row.source === 'corp' && row.wecom_tag_id === null) {
        await enqueueTagPush(
          trx,
          ctx,
          acting.workspaceId,
          { entity: 'tag', id: row.id, action: 'create' },
          now,
        );
      }
      const tag = tagRowToTag(row);
      await recordAudit(trx, {
        ...acting,
        action: 'tag.created',
        entityType: 'tag',
        entityId: row.id,
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
      const next: TagRow = {
        ...row,
        name: input.name ?? row.name,
        sort_order: input.order ?? row.sort_order,
        updated_at: now,
      };
      await updateTagRows(trx, acting.workspaceId, [id], {
        name: next.name,
        sort_order: next.sort_order,
        updated_at: now,
      });
      if (row.source === 'corp' && (next.name !== row.name || next.sort_order !== row.sort_order)) {
        await enqueueTagPush(
          trx,
          ctx,
          acting.workspaceId,
          { entity: 'tag', id, action: 'update' },
          now,
        );
      }
      await recordAudit(trx, {
        ...acting,
        action: 'tag.updated',
        entityType: 'tag',
        entityId: id,
        before: { name: row.name, order: row.sort_order },
        after: { name: next.name, order: next.sort_order },
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
    if (row.source === 'corp' && row.wecom_tag_id !== null) {
      await enqueueTagPush(
        trx,
        ctx,
        acting.workspaceId,
        { entity: 'tag', id, action: 'delete' },
        now,
      );
    }
    await recordAudit(trx, {
      ...acting,
      action: 'tag.deleted',
      entityType: 'tag',
      entityId: id,
      before: tagRowToTag(row),
      after: { removedFromPersons: links },
      at: now,
    });
  });
}
