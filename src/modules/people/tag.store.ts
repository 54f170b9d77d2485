import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { TagGroupRow, TagGroupTable, TagRow, TagTable } from './tag.table.js';

type Db = Kysely<Database>;

export async function insertTagGroup(db: Db, row: Insertable<TagGroupTable>): Promise<void> {
  await db.insertInto('tag_group').values(row).execute();
}

export async function insertTag(db: Db, row: Insertable<TagTable>): Promise<void> {
  await db.insertInto('tag').values(row).execute();
}

export function listTagGroupRows(db: Db, workspaceId: string): Promise<TagGroupRow[]> {
  return db
    .selectFrom('tag_group')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/** Live tags of the workspace (or of one group), in display order. */
export function listTagRows(db: Db, workspaceId: string, groupId?: string): Promise<TagRow[]> {
  let q = db
    .selectFrom('tag')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null);
  if (groupId !== undefined) q = q.where('group_id', '=', groupId);
  return q.orderBy('sort_order').orderBy('created_at').execute();
}

export function findTagGroup(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('tag_group')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Live tags with these ids. */
export function findTags(db: Db, workspaceId: string, ids: readonly string[]): Promise<TagRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tag')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
}

export async function updateTagGroupRow(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Updateable<TagGroupTable>,
): Promise<void> {
  await db
    .updateTable('tag_group')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function updateTagRows(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  changes: Updateable<TagTable>,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('tag')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

/** Removes every link to these tags (a deleted tag is on nobody). Returns how many. */
export async function deleteLinksToTags(
  db: Db,
  workspaceId: string,
  tagIds: readonly string[],
): Promise<number> {
  if (tagIds.length === 0) return 0;
  const result = await db
    .deleteFrom('person_tag')
    .where('workspace_id', '=', workspaceId)
    .where('tag_id', 'in', [...tagIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The visible tags of persons, with their tag and group. */
export function listVisibleTagsOf(db: Db, workspaceId: string, personIds: readonly string[]) {
  return db
    .selectFrom('person_tag')
    .innerJoin('tag', 'tag.id', 'person_tag.tag_id')
    .innerJoin('tag_group', 'tag_group.id', 'tag.group_id')
    .select([
      'person_tag.person_id',
      'person_tag.tag_id',
      'person_tag.source',
      'person_tag.added_by',
      'person_tag.added_at',
      'tag.name as tag_name',
      'tag.group_id',
      'tag.wecom_tag_id',
      'tag_group.name as group_name',
    ])
    .where('person_tag.workspace_id', '=', workspaceId)
    .where('person_tag.person_id', 'in', [...personIds])
    .where('person_tag.shadowed', '=', 0)
    .orderBy('tag_group.sort_order')
    .orderBy('tag.sort_order')
    .orderBy('tag.name')
    .execute();
}
