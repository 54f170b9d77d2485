import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { ConflictStatus, IdentityConflictRow } from './person.table.js';

type Db = Kysely<Database>;

export type NewConflict = Omit<
  IdentityConflictRow,
  'id' | 'status' | 'occurrences' | 'resolved_at' | 'resolved_by' | 'merge_id' | 'last_seen_at'
> & { id: string };

/**
 * Records a conflict, or counts one more sighting of it: one row per (pair, identity),
 * whatever its status, so a dismissed conflict does not come back. Returns its id.
 */
export async function upsertConflict(db: Db, conflict: NewConflict): Promise<string> {
  await db
    .insertInto('identity_conflict')
    .values({
      ...conflict,
      status: 'open',
      occurrences: 1,
      last_seen_at: conflict.created_at,
      resolved_at: null,
      resolved_by: null,
      merge_id: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'person_a_id', 'person_b_id', 'kind', 'namespace', 'value_key'])
        .doUpdateSet((eb) => ({
          occurrences: eb(eb.ref('identity_conflict.occurrences'), '+', 1),
          last_seen_at: eb.ref('excluded.last_seen_at'),
        })),
    )
    .execute();
  const row = await db
    .selectFrom('identity_conflict')
    .select('id')
    .where('workspace_id', '=', conflict.workspace_id)
    .where('person_a_id', '=', conflict.person_a_id)
    .where('person_b_id', '=', conflict.person_b_id)
    .where('kind', '=', conflict.kind)
    .where('namespace', '=', conflict.namespace)
    .where('value_key', '=', conflict.value_key)
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findConflict(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<IdentityConflictRow | undefined> {
  return db
    .selectFrom('identity_conflict')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface ConflictCursor {
  createdAt: number;
  id: string;
}

/**
 * Newest first, by status; keyset pagination. `onlyFollowedBy`: conflicts whose two persons
 * both have an active follow by one of these employees (a caller without customers.all).
 */
export function listConflicts(
  db: Db,
  workspaceId: string,
  options: {
    status?: ConflictStatus | undefined;
    limit: number;
    before?: ConflictCursor;
    onlyFollowedBy?: readonly string[];
  },
): Promise<IdentityConflictRow[]> {
  let q = db
    .selectFrom('identity_conflict')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.status) q = q.where('status', '=', options.status);
  const employees = options.onlyFollowedBy;
  if (employees) {
    if (employees.length === 0) return Promise.resolve([]);
    const followed = db
      .selectFrom('follow')
      .select('follow.person_id')
      .where('follow.workspace_id', '=', workspaceId)
      .where('follow.status', '=', 'active')
      .where('follow.employee_user_id', 'in', [...employees]);
    q = q.where('person_a_id', 'in', followed).where('person_b_id', 'in', followed);
  }
  const before = options.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
}

/** Conflicts that name any of these persons. */
export function listConflictsOf(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<IdentityConflictRow[]> {
  const ids = [...personIds];
  return db
    .selectFrom('identity_conflict')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('person_a_id', 'in', ids), eb('person_b_id', 'in', ids)]))
    .orderBy('created_at')
    .execute();
}

export async function updateConflicts(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  changes: Partial<
    Pick<
      IdentityConflictRow,
      'status' | 'resolved_at' | 'resolved_by' | 'merge_id' | 'value' | 'value_key'
    >
  >,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('identity_conflict')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}
