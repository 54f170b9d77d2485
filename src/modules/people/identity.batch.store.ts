import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../database.js';
import { insertMany, type BulkColumns } from '../../platform/db/bulk-insert.js';
import type { IdentityKey } from './identity.store.js';
import type { IdentityRow, NewIdentityRow, PersonRow } from './person.table.js';
import { isPostgres } from './person.store.js';

type Db = Kysely<Database>;

/**
 * Set-based statements for resolving many identity sets at once. Each takes its rows as one
 * parameter (a JSON array on SQLite, arrays on PostgreSQL): one statement whatever the count,
 * no per-value bind variables (SQLite allows 32,766, PostgreSQL 65,535), and nothing for
 * Kysely to compile per row.
 */

/**
 * The columns resolving a known identity reads, and `ref`: where `setLastSeen` finds the row
 * again without a probe of the id index (SQLite: the rowid; PostgreSQL: the row version's
 * ctid, which a concurrent write may have moved: `setLastSeen` checks).
 */
export type StoredIdentity = Pick<
  IdentityRow,
  'id' | 'person_id' | 'home_person_id' | 'verified' | 'first_seen_at' | 'last_seen_at'
> & { ref: string | number };

export type PersonState = Pick<
  PersonRow,
  'id' | 'display_name' | 'avatar_url' | 'merged_into' | 'erased_at'
>;

/**
 * SQLite: `rows` (arrays of scalars) as a relation `j`, each row as binary JSON, so its columns
 * are read without parsing the row's text again for each one (~25% less SQLite CPU for the
 * insert of an import step's identities); and a reader for its i-th column.
 */
function sqliteJsonRows(rows: readonly (readonly unknown[])[]) {
  return {
    from: sql`jsonb_each(jsonb(${JSON.stringify(rows)})) as j`,
    col: (i: number): RawBuilder<unknown> => sql`(j.value ->> ${sql.lit(i)})`,
  };
}

/** `column` is one of `values` (strings): one array parameter. */
function inList(db: Db, column: RawBuilder<unknown>, values: readonly string[]) {
  return isPostgres(db)
    ? sql`${column} = any(${[...values]}::text[])`
    : sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * The stored identity of each (distinct) key, undefined where none, in the order of `keys`: one
 * statement per kind and namespace, one unique-index probe per key. Only the value key comes
 * back with each row (kind and namespace are the statement's).
 */
export async function findStoredIdentities(
  db: Db,
  workspaceId: string,
  keys: readonly IdentityKey[],
): Promise<(StoredIdentity | undefined)[]> {
  const groups = new Map<string, { kind: string; namespace: string; at: Map<string, number> }>();
  keys.forEach((k, i) => {
    const group = `${k.kind}\u0000${k.namespace}`;
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { kind: k.kind, namespace: k.namespace, at: new Map() }));
    g.at.set(k.valueKey, i);
  });
  const postgres = isPostgres(db);
  const columns = sql`person_id, home_person_id, verified, first_seen_at, last_seen_at, value_key`;
  const found = new Array<StoredIdentity | undefined>(keys.length).fill(undefined);
  for (const g of groups.values()) {
    const { rows } = await sql<StoredIdentity & { value_key: string }>`
      select ${postgres ? sql`ctid::text` : sql`rowid`} as ref, id, ${columns}
      from identity
      where workspace_id = ${workspaceId} and kind = ${g.kind} and namespace = ${g.namespace}
        and ${inList(db, sql`value_key`, [...g.at.keys()])}`.execute(db);
    for (const row of rows) found[g.at.get(row.value_key)!] = row;
  }
  return found;
}

/**
 * The persons with these ids (what resolving a known set needs of them), locked for the rest
 * of the transaction on PostgreSQL in id order like `lockPersons` (SQLite has one writer).
 */
export async function lockPersonStates(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<PersonState[]> {
  if (ids.length === 0) return [];
  const lock = isPostgres(db) ? sql`order by id for no key update` : sql``;
  const { rows } = await sql<PersonState>`
    select id, display_name, avatar_url, merged_into, erased_at from person
    where workspace_id = ${workspaceId} and ${inList(db, sql`id`, ids)} ${lock}`.execute(db);
  return rows;
}

/**
 * PostgreSQL: which of these row versions (`ref`: ctid) are no longer the current version of
 * an identity of `person_id`, because a merge, an unmerge or an erasure wrote the row since it
 * was read. Only those come back (usually none).
 */
export async function movedSinceRead(
  db: Db,
  workspaceId: string,
  rows: readonly Pick<StoredIdentity, 'ref' | 'id' | 'person_id'>[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // A join on ctid: one TID probe per row (no index), and only moved rows come back. The id
  // is compared too: a pruned version's slot may hold another row by now.
  const { rows: moved } = await sql<{ ref: string }>`
    select x.ref::text as ref
    from unnest(
      ${rows.map((r) => String(r.ref))}::tid[],
      ${rows.map((r) => r.id)}::text[],
      ${rows.map((r) => r.person_id)}::text[]
    ) as x(ref, id, person_id)
    left join identity i on i.ctid = x.ref
    where i.ctid is null or i.id <> x.id or i.person_id <> x.person_id
      or i.workspace_id <> ${workspaceId}`.execute(db);
  return new Set(moved.map((r) => r.ref));
}

/**
 * Moves the last-seen time of these identities to `at`, never backwards (a concurrent
 * writer's later time stays): one statement, each row found by `ref` without an index probe.
 * On PostgreSQL only a row version still current and still the person's is written: a row
 * written since it was read (a merge or an unmerge moved it) is left alone, and its `ref` comes
 * back so that its set takes the careful path. SQLite has one writer: nothing moves.
 */
export async function setLastSeen(
  db: Db,
  workspaceId: string,
  rows: readonly Pick<StoredIdentity, 'ref' | 'id' | 'person_id'>[],
  at: number,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  if (!isPostgres(db)) {
    // `or fail` (no constraint can fail here) spares the statement journal that an `abort`
    // statement keeps of every page it changes inside a transaction.
    await sql`update or fail identity set last_seen_at = max(last_seen_at, ${at})
      where workspace_id = ${workspaceId}
        and rowid in (select value from json_each(${JSON.stringify(rows.map((r) => r.ref))}))`.execute(
      db,
    );
    return new Set();
  }
  const refs = rows.map((r) => String(r.ref));
  const { rows: written } = await sql<{ ref: string }>`
    update identity set last_seen_at = greatest(identity.last_seen_at, ${at})
    from unnest(
      ${refs}::tid[],
      ${rows.map((r) => r.id)}::text[],
      ${rows.map((r) => r.person_id)}::text[]
    ) as x(ref, id, person_id)
    where identity.ctid = x.ref and identity.id = x.id and identity.person_id = x.person_id
      and identity.workspace_id = ${workspaceId}
    returning x.ref::text as ref`.execute(db);
  const done = new Set(written.map((r) => r.ref));
  return new Set(refs.filter((ref) => !done.has(ref)));
}

const personColumns: BulkColumns<PersonRow> = {
  id: 'text',
  workspace_id: 'text',
  display_name: 'text',
  avatar_url: 'text',
  added_at: 'bigint',
  created_at: 'bigint',
  updated_at: 'bigint',
  merged_into: 'text',
  erased_at: 'bigint',
};

const identityColumns: BulkColumns<NewIdentityRow> = {
  id: 'text',
  workspace_id: 'text',
  person_id: 'text',
  home_person_id: 'text',
  kind: 'text',
  namespace: 'text',
  value: 'text',
  value_key: 'text',
  verified: 'integer',
  source: 'text',
  first_seen_at: 'bigint',
  last_seen_at: 'bigint',
};

/** On PostgreSQL unnested arrays; on SQLite one JSON parameter read as binary JSON. */
async function insertRows<T>(
  db: Db,
  table: 'person' | 'identity',
  columns: BulkColumns<T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await insertMany(db, table, columns as never, rows as never).execute();
    return;
  }
  const typed = Object.keys(columns) as (keyof T & string)[];
  const j = sqliteJsonRows(rows.map((r) => typed.map((c) => r[c])));
  await sql`insert into ${sql.table(table)} (${sql.join(typed.map((c) => sql.ref(c)))})
    select ${sql.join(typed.map((_, i) => j.col(i)))} from ${j.from}`.execute(db);
}

/** Inserts new persons in one statement. */
export const insertPersonRows = (db: Db, rows: readonly PersonRow[]) =>
  insertRows(db, 'person', personColumns, rows);

/** Inserts identities in one statement; a value stored already fails it (unique index). */
export const insertIdentityRows = (db: Db, rows: readonly NewIdentityRow[]) =>
  insertRows(db, 'identity', identityColumns, rows);
