import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { insertMany, type BulkColumns } from '../db/bulk-insert.js';
import type { DomainEventRow, DomainEventTable } from './event.table.js';

type Db = Kysely<Database>;
export type NewDomainEventRow = Insertable<DomainEventTable>;

const domainEventColumns: BulkColumns<DomainEventTable> = {
  id: 'text',
  workspace_id: 'text',
  type: 'text',
  source: 'text',
  dedup_key: 'text',
  data: 'text',
  occurred_at: 'bigint',
  received_at: 'bigint',
};

/**
 * Inserts events; a (workspace, dedup key) already stored is skipped. Returns the rows this
 * call inserted, in input order.
 */
export async function insertNewEvents(
  db: Db,
  rows: readonly NewDomainEventRow[],
): Promise<NewDomainEventRow[]> {
  if (rows.length === 0) return [];
  const inserted = await insertMany(db, 'domain_event', domainEventColumns, rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'dedup_key']).doNothing())
    .returning('id')
    .execute();
  const ids = new Set(inserted.map((row) => row.id));
  return rows.filter((row) => ids.has(row.id));
}

export function findEvent(db: Db, id: string): Promise<DomainEventRow | undefined> {
  return db.selectFrom('domain_event').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One workspace's events, oldest first (tests, replays, the timeline's raw view). */
export function listEvents(
  db: Db,
  workspaceId: string,
  options: { type?: string; limit?: number } = {},
): Promise<DomainEventRow[]> {
  let query = db.selectFrom('domain_event').selectAll().where('workspace_id', '=', workspaceId);
  if (options.type !== undefined) query = query.where('type', '=', options.type);
  return query
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(options.limit ?? 1000)
    .execute();
}
