import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { WorkspaceRow } from './workspace.table.js';

type Db = Kysely<Database>;

export async function insertWorkspace(db: Db, row: WorkspaceRow): Promise<void> {
  await db.insertInto('workspace').values(row).execute();
}

/** Inserts unless the slug is taken; true when this call created it. */
export async function insertWorkspaceIfAbsent(db: Db, row: WorkspaceRow): Promise<boolean> {
  const result = await db
    .insertInto('workspace')
    .values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findWorkspaceBySlug(db: Db, slug: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspace').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findWorkspaceById(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAllWorkspaces(db: Db): Promise<WorkspaceRow[]> {
  return db.selectFrom('workspace').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function updateWorkspaceName(
  db: Db,
  id: string,
  name: string,
  now: number,
): Promise<void> {
  await db.updateTable('workspace').set({ name, updated_at: now }).where('id', '=', id).execute();
}
