import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../database.js';
import type { IdentityMergeRow } from './person.table.js';

type Db = Kysely<Database>;

/**
 * The person, the persons merged into it (directly or through others) and every merge any
 * of them took part in, newest first — read through `identity_merge` by winner and by loser
 * (indexed), not through `person.merged_into`: after ANALYZE, where nearly every row has
 * merged_into null, SQLite scans the whole person table for `merged_into = ?`.
 */
export async function mergeTreeOf(
  db: Db,
  workspaceId: string,
  personId: string,
): Promise<{ tree: string[]; merges: IdentityMergeRow[] }> {
  const mergesWhere = (column: 'winner_person_id' | 'loser_person_id', ids: string[]) =>
    db
      .selectFrom('identity_merge')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where(column, 'in', ids)
      .execute();
  const tree = [personId];
  const merges = new Map<string, IdentityMergeRow>();
  let frontier = [personId];
  while (frontier.length > 0) {
    const won = await mergesWhere('winner_person_id', frontier);
    for (const row of won) merges.set(row.id, row);
    frontier = won
      .filter((row) => row.undone_at === null && !tree.includes(row.loser_person_id))
      .map((row) => row.loser_person_id);
    tree.push(...frontier);
  }
  for (const row of await mergesWhere('loser_person_id', tree)) merges.set(row.id, row);
  const newestFirst = [...merges.values()].sort(
    (a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1),
  );
  return { tree, merges: newestFirst };
}

/** Open identity conflicts naming the person on either side (each side by its own index). */
export async function countOpenConflicts(
  db: Db,
  workspaceId: string,
  personId: string,
): Promise<number> {
  const side = (column: 'person_a_id' | 'person_b_id') =>
    db
      .selectFrom('identity_conflict')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where(column, '=', personId)
      .where(sql<SqlBool>`status = 'open'`)
      .executeTakeFirstOrThrow();
  const [a, b] = await Promise.all([side('person_a_id'), side('person_b_id')]);
  return Number(a.n) + Number(b.n);
}
