import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { InboundCallbackRow, InboundCallbackTable } from './connection.table.js';

type Db = Kysely<Database>;

/** Stores a callback unless its dedup key is already there; true when this call stored it. */
export async function insertInboundCallback(
  db: Db,
  row: Insertable<InboundCallbackTable>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('inbound_callback')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'dedup_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
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
