import type { PersonTag, Tag, TagGroup } from './tag.schemas.js';
import type { listVisibleTagsOf } from './tag.store.js';
import type { TagGroupRow, TagRow } from './tag.table.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

export function tagRowToTag(row: TagRow): Tag {
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    source: row.source,
    wecomTagId: row.wecom_tag_id,
    order: row.sort_order,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function tagGroupRowToTagGroup(row: TagGroupRow, tags: readonly TagRow[]): TagGroup {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    wecomGroupId: row.wecom_group_id,
    order: row.sort_order,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    tags: tags.filter((t) => t.group_id === row.id).map(tagRowToTag),
  };
}

type VisibleTagRow = Awaited<ReturnType<typeof listVisibleTagsOf>>[number];

export function visibleTagToPersonTag(row: VisibleTagRow): PersonTag {
  return {
    tagId: row.tag_id,
    name: row.tag_name,
    groupId: row.group_id,
    groupName: row.group_name,
    source: row.source,
    addedBy: row.added_by,
    addedAt: iso(row.added_at),
  };
}
