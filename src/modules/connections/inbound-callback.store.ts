import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { InboundCallbackRow, InboundCallbackTable } from './connection.table.js';

type Db = Kysely<Database>;

/**
 * Stores callbacks in one statement, skipping dedup keys already there (or repeated earlier
 * in `rows`); returns the ids of the rows this call stored.
 */
export async function insertInboundCallbacks(
  db: Db,
  rows: readonly Insertable<InboundCallbackTable>[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('inbound_callback')
    .values([...rows])
    .onConflict((oc) => oc.columns(['workspace_id', 'dedup_key']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((row) => row.id));
}

export function listInboundCallbacks(
  db: Db,
  workspaceId: string,
  options: { limit?: number } = {},
): Promise<InboundCallbackRow[]> {
  return db
    .selectFrom('inbound_callback')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('received_at')
    .orderBy('id')
    .limit(options.limit ?? 1000)
    .execute();
}
