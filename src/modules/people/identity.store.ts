import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { IdentityRow, NewIdentityRow } from './person.table.js';

type Db = Kysely<Database>;

export interface IdentityKey {
  kind: string;
  namespace: string;
  valueKey: string;
}

/** The stored identities among these keys (one unique-index probe each). */
export async function findIdentitiesByKeys(
  db: Db,
  workspaceId: string,
  keys: readonly IdentityKey[],
): Promise<IdentityRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('identity')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or(
        keys.map((k) =>
          eb.and([
            eb('kind', '=', k.kind),
            eb('namespace', '=', k.namespace),
            eb('value_key', '=', k.valueKey),
          ]),
        ),
      ),
    )
    .execute();
}

/** Inserts identities; a value another transaction stored meanwhile is skipped. Returns ids stored. */
export async function insertIdentities(db: Db, rows: readonly NewIdentityRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('identity')
    .values([...rows])
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'namespace', 'value_key']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export async function updateIdentity(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<IdentityRow, 'first_seen_at' | 'last_seen_at' | 'verified'>>,
): Promise<void> {
  await db
    .updateTable('identity')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export function listIdentitiesOf(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<IdentityRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('identity')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', [...personIds])
    .orderBy('kind')
    .orderBy('first_seen_at')
    .orderBy('id')
    .execute();
}

/** How many identities of each kind and namespace these persons hold together. */
export async function countIdentityKinds(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<{ kind: string; namespace: string; count: number }[]> {
  const rows = await db
    .selectFrom('identity')
    .select(['kind', 'namespace', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', [...personIds])
    .groupBy(['kind', 'namespace'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function deleteIdentitiesOf(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<number> {
  const result = await db
    .deleteFrom('identity')
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', [...personIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
