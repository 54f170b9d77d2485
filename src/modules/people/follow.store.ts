import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import { insertMany, type BulkColumns } from '../../platform/db/bulk-insert.js';
import type { FollowRow, FollowTable, NewFollowRow } from './relations.table.js';

type Db = Kysely<Database>;

/** Identifies one friendship: an employee of a corp and a customer. */
export interface FollowKey {
  corpId: string;
  employeeUserId: string;
  externalUserId: string;
}

export function findFollow(db: Db, workspaceId: string, key: FollowKey) {
  return db
    .selectFrom('follow')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('corp_id', '=', key.corpId)
    .where('employee_user_id', '=', key.employeeUserId)
    .where('external_user_id', '=', key.externalUserId)
    .executeTakeFirst();
}

export function findFollowById(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('follow')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Every follow of these customers of a corp (removed ones included), with these employees
 * only when `employeeUserIds` is given: then each (employee, customer) pair is one probe of
 * the follow key, where the customers alone go through every follow of the corp.
 */
export async function findFollowsOfContacts(
  db: Db,
  workspaceId: string,
  corpId: string,
  externalUserIds: readonly string[],
  employeeUserIds?: readonly string[],
): Promise<FollowRow[]> {
  if (externalUserIds.length === 0 || employeeUserIds?.length === 0) return [];
  let query = db
    .selectFrom('follow')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('corp_id', '=', corpId);
  if (employeeUserIds) query = query.where('employee_user_id', 'in', [...new Set(employeeUserIds)]);
  return query.where('external_user_id', 'in', [...new Set(externalUserIds)]).execute();
}

const followColumns: BulkColumns<FollowTable> = {
  id: 'text',
  workspace_id: 'text',
  person_id: 'text',
  home_person_id: 'text',
  corp_id: 'text',
  employee_user_id: 'text',
  external_user_id: 'text',
  state: 'text',
  add_way: 'integer',
  remark: 'text',
  description: 'text',
  wecom_tag_ids: 'text',
  status: 'text',
  added_at: 'bigint',
  removed_at: 'bigint',
  last_event_at: 'bigint',
  updated_at: 'bigint',
};

/** Inserts follows; a friendship stored meanwhile by another transaction is skipped. Returns ids stored. */
export async function insertFollows(db: Db, rows: readonly NewFollowRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await insertMany(db, 'follow', followColumns, rows)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'corp_id', 'employee_user_id', 'external_user_id']).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export async function updateFollow(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Updateable<FollowTable>,
): Promise<void> {
  await db
    .updateTable('follow')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The corp tag ids stored on a follow (a JSON array). */
export function followTagIds(row: Pick<FollowRow, 'wecom_tag_ids'>): string[] {
  const parsed = JSON.parse(row.wecom_tag_ids) as unknown;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}
