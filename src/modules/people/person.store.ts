import { PostgresAdapter, sql, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { PersonRow, PersonTable } from './person.table.js';

type Db = Kysely<Database>;

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute();
}

export function findPerson(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The persons with these ids, oldest first (the merge order: the oldest wins). On SQLite each
 * id is looked up by primary key (a cross join keeps that order): with `id in (…)` the planner
 * may walk a workspace index in created-at order instead, to save the sort, which reads every
 * person of the workspace once the statistics are older than the table (an import step's
 * 1,000 persons at 10,000 sampled rows: ~95 ms per call at 100,000 persons instead of ~10).
 */
export async function findPersons(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  if (!isPostgres(db)) {
    const { rows } = await sql<PersonRow>`
      select person.* from json_each(${JSON.stringify([...new Set(ids)])}) as j
      cross join person on person.id = j.value
      where person.workspace_id = ${workspaceId}
      order by person.created_at, person.id`.execute(db);
    return rows;
  }
  return db
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Whether each of these persons was merged away or erased (those found, in no order). On SQLite
 * by primary key through a cross join, as `findPersons` does.
 */
export async function findPersonStatuses(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<Pick<PersonRow, 'id' | 'merged_into' | 'erased_at'>[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const { rows } = await sql<Pick<PersonRow, 'id' | 'merged_into' | 'erased_at'>>`
    select person.id, person.merged_into, person.erased_at from ${
      isPostgres(db)
        ? sql`person where person.id = any(${unique}::text[]) and`
        : sql`json_each(${JSON.stringify(unique)}) as j
          cross join person on person.id = j.value where`
    } person.workspace_id = ${workspaceId}`.execute(db);
  return rows;
}

/**
 * The same, locked for the rest of the transaction on PostgreSQL (in id order, so two
 * resolutions over the same persons cannot deadlock). SQLite has a single writer already.
 */
export async function lockPersons(
  trx: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<PersonRow[]> {
  if (ids.length === 0 || !isPostgres(trx)) return findPersons(trx, workspaceId, ids);
  const rows = await trx
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    // Not FOR UPDATE: rows referencing a person (identities, tags) may still be inserted.
    .forNoKeyUpdate()
    .execute();
  return rows.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function updatePerson(
  db: Db,
  workspaceId: string,
  ids: string | readonly string[],
  changes: Updateable<PersonTable>,
): Promise<void> {
  const list = typeof ids === 'string' ? [ids] : [...ids];
  if (list.length === 0) return;
  await db
    .updateTable('person')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', list)
    .execute();
}

/**
 * The live person an id stands for now: itself, or the person it was merged into (following
 * chains). Undefined for ids the workspace never had.
 */
export async function resolvePersonId(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<string | undefined> {
  let current = id;
  for (let hops = 0; hops < 1000; hops++) {
    const row = await db
      .selectFrom('person')
      .select('merged_into')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.merged_into === null) return current;
    current = row.merged_into;
  }
  throw new Error(`Person ${id} has a merge chain longer than 1000 (a cycle?)`);
}

/** The person and every person merged into it, directly or through others. */
export async function personTree(db: Db, workspaceId: string, id: string): Promise<string[]> {
  const tree = [id];
  let frontier = [id];
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('person')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('merged_into', 'in', frontier)
      .execute();
    frontier = rows.map((r) => r.id).filter((child) => !tree.includes(child));
    tree.push(...frontier);
  }
  return tree;
}
