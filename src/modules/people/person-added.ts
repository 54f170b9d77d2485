import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';

/**
 * Recomputes `person.added_at` (the earliest follow of the person, removed ones included)
 * for these persons. Call it in the transaction that changed their follows or merged them.
 */
export async function refreshPersonAddedAt(
  trx: Kysely<Database>,
  workspaceId: string,
  personIds: readonly string[],
): Promise<void> {
  if (personIds.length === 0) return;
  const earliestFollow = sql<number | null>`(select min(f.added_at) from follow f
    where f.workspace_id = person.workspace_id and f.person_id = person.id)`;
  // Rows already right are left alone: a rewritten person row costs all its indexes.
  await trx
    .updateTable('person')
    .set({ added_at: earliestFollow })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(personIds)])
    .where(sql<boolean>`added_at is distinct from ${earliestFollow}`)
    .execute();
}
