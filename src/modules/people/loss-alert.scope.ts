import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Acting } from '../workspace/actor.js';

/**
 * The employees whose loss alerts a caller sees, grouped by corp: undefined (all of them)
 * with customers.all; otherwise the employees linked to the caller's console user (none for
 * API keys and users without a linked employee).
 */
export async function lossAlertScope(
  db: Kysely<Database>,
  acting: Acting,
): Promise<[string, string[]][] | undefined> {
  if (acting.permissions.includes('customers.all')) return undefined;
  const { actor } = acting;
  if (actor.type !== 'user' || actor.id === null) return [];
  const rows = await db
    .selectFrom('employee')
    .select(['corp_id', 'user_id'])
    .where('workspace_id', '=', acting.workspaceId)
    .where('user_account_id', '=', actor.id)
    .execute();
  const byCorp = new Map<string, string[]>();
  for (const r of rows) byCorp.set(r.corp_id, [...(byCorp.get(r.corp_id) ?? []), r.user_id]);
  return [...byCorp];
}
