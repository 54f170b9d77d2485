import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';

/** Counts one request in the window and returns the window's count including it. */
export async function countRequestInWindow(
  db: Kysely<Database>,
  bucketKey: string,
  windowStart: number,
): Promise<number> {
  const row = await db
    .insertInto('channel_rate_limit')
    .values({ bucket_key: bucketKey, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['bucket_key', 'window_start'])
        .doUpdateSet({ count: sql<number>`channel_rate_limit.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteWindowsBefore(
  db: Kysely<Database>,
  bucketKey: string,
  windowStart: number,
): Promise<void> {
  await db
    .deleteFrom('channel_rate_limit')
    .where('bucket_key', '=', bucketKey)
    .where('window_start', '<', windowStart)
    .execute();
}
