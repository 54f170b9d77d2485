import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

type Db = Kysely<Database>;

export async function insertLoginFailure(
  db: Db,
  row: { id: string; email: string; ip: string; created_at: number },
): Promise<void> {
  await db.insertInto('login_attempt').values(row).execute();
}

/** Times of failures since `since` for an email or an IP, newest first, at most `limit`. */
export async function recentFailureTimes(
  db: Db,
  by: { email: string } | { ip: string },
  since: number,
  limit: number,
): Promise<number[]> {
  let query = db
    .selectFrom('login_attempt')
    .select('created_at')
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(limit);
  query = 'email' in by ? query.where('email', '=', by.email) : query.where('ip', '=', by.ip);
  const rows = await query.execute();
  return rows.map((r) => Number(r.created_at));
}

export async function deleteLoginFailuresForEmail(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('email', '=', email).execute();
}

export async function deleteLoginFailuresBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('login_attempt').where('created_at', '<=', before).execute();
}
