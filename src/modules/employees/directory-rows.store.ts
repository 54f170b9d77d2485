import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../database.js';

type Db = Kysely<Database>;
/** WeCom's directory as synced: tables of rows of a workspace's corp, with a row id. */
type DirectoryTable = 'employee' | 'department';

/** Every row of the corp in a directory table (resigned employees, deleted departments included). */
export function listCorpRows<T extends DirectoryTable>(
  db: Db,
  table: T,
  workspaceId: string,
  corpId: string,
): Promise<Selectable<Database[T]>[]> {
  const rows = db
    .selectFrom(table as DirectoryTable)
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('corp_id', '=', corpId)
    .execute();
  return rows as Promise<Selectable<Database[T]>[]>;
}

/** Sets `changes` on the workspace's rows with these row ids (no ids: nothing to do). */
export async function updateRowsById<T extends DirectoryTable>(
  db: Db,
  table: T,
  workspaceId: string,
  ids: readonly string[],
  changes: Updateable<Database[T]>,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable(table as DirectoryTable)
    .set(changes as Updateable<Database[DirectoryTable]>)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}
