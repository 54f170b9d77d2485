import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { ApiKeyRow, ApiKeyTable } from './workspace.table.js';

type Db = Kysely<Database>;

export async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db.insertInto('api_key').values(row).execute();
}

/** Lookup by the public prefix, across workspaces: authentication happens before scoping. */
export function findApiKeyByPrefix(db: Db, prefix: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_key').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

export function findApiKey(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('api_key')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_key')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updateApiKey(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Pick<Updateable<ApiKeyTable>, 'last_used_at' | 'revoked_at'>,
): Promise<void> {
  await db
    .updateTable('api_key')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
