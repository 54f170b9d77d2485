import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { IdentityMergeRow } from './person.table.js';
import { personTree } from './person.store.js';

type Db = Kysely<Database>;

export async function insertMerge(db: Db, row: IdentityMergeRow): Promise<void> {
  await db.insertInto('identity_merge').values(row).execute();
}

export function findMerge(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<IdentityMergeRow | undefined> {
  return db
    .selectFrom('identity_merge')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every merge these persons took part in, as winner or loser, newest first. */
export function listMergesOf(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<IdentityMergeRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  const ids = [...personIds];
  return db
    .selectFrom('identity_merge')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('winner_person_id', 'in', ids), eb('loser_person_id', 'in', ids)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * True when an operator undid a merge between these two persons, or between persons merged
 * into them since (either way round): after undoing C←A, A merging into B does not let B and
 * C merge automatically.
 */
export async function wasUnmerged(db: Db, workspaceId: string, a: string, b: string) {
  const treeA = await personTree(db, workspaceId, a);
  const treeB = await personTree(db, workspaceId, b);
  const row = await db
    .selectFrom('identity_merge')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('undone_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('winner_person_id', 'in', treeA), eb('loser_person_id', 'in', treeB)]),
        eb.and([eb('winner_person_id', 'in', treeB), eb('loser_person_id', 'in', treeA)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateMerge(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<IdentityMergeRow, 'undone_at' | 'undone_by' | 'cause' | 'moved'>>,
): Promise<void> {
  await db
    .updateTable('identity_merge')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
