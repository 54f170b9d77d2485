import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

export const followCountKey = (corpId: string, userId: string) => `${corpId}|${userId}`;

/**
 * Active follows (customers) of these employees, keyed by `followCountKey`. Reads the people
 * module's `follow` table: the only cross-module read here, kept in this one function.
 */
export async function countActiveFollows(
  db: Kysely<Database>,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (userIds.length === 0) return counts;
  const rows = await db
    .selectFrom('follow')
    .select(['corp_id', 'employee_user_id'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('employee_user_id', 'in', [...new Set(userIds)])
    .groupBy(['corp_id', 'employee_user_id'])
    .execute();
  for (const row of rows)
    counts.set(followCountKey(row.corp_id, row.employee_user_id), Number(row.n));
  return counts;
}
