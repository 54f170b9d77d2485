import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type {
  ConnectionKind,
  ConnectionRow,
  ConnectionUpdate,
  NewConnectionRow,
} from './connection.table.js';

type Db = Kysely<Database>;

export async function insertConnection(db: Db, row: NewConnectionRow): Promise<void> {
  await db.insertInto('connection').values(row).execute();
}

export function listConnectionRows(db: Db, workspaceId: string): Promise<ConnectionRow[]> {
  return db
    .selectFrom('connection')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findConnection(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ConnectionRow | undefined> {
  return db
    .selectFrom('connection')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The connection a callback URL names: the workspace's WeCom corp, or one app by AppID. */
export function findConnectionByApp(
  db: Db,
  workspaceId: string,
  kind: ConnectionKind,
  appId?: string,
): Promise<ConnectionRow | undefined> {
  let query = db
    .selectFrom('connection')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind);
  if (appId !== undefined) query = query.where('app_id', '=', appId);
  return query.executeTakeFirst();
}

export async function updateConnection(
  db: Db,
  workspaceId: string,
  id: string,
  changes: ConnectionUpdate,
): Promise<void> {
  await db
    .updateTable('connection')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteConnection(db: Db, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('connection')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
