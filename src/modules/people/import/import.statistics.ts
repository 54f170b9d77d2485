import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from '../../../database.js';

/**
 * True when the contacts written went past 1,000, 10,000, 100,000, … with this step: the
 * moments to refresh the planner's statistics (a handful per import, whatever its size).
 */
export function statisticsDue(before: number, after: number): boolean {
  for (let mark = 1_000; mark <= after; mark *= 10) if (before < mark) return true;
  return false;
}

/** The tables each step of the import reads by key: their sizes change the plans. */
const importReadTables = ['identity', 'person', 'follow', 'person_tag'] as const;

/**
 * SQLite analyzes nothing by itself. On a database without statistics its planner takes
 * `workspace_id = ?` for selective, so reading a page's persons or follows by id goes through
 * a workspace index — every row of the workspace — and each page of an import is slower than
 * the last. Sampled statistics (`analysis_limit`) cost milliseconds and make it look rows up by
 * id. PostgreSQL's autovacuum analyzes a table once a tenth of it changed, but only when its
 * worker comes by (a minute apart by default): an import into new tables runs its first
 * minute on the statistics of empty ones, so the tables it reads are analyzed here too
 * (sampled, a ShareUpdateExclusive lock that blocks no reads or writes).
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`pragma analysis_limit = 1000`.execute(db);
    await sql`analyze`.execute(db);
    return;
  }
  await sql`analyze ${sql.join(importReadTables.map((t) => sql.table(t)))}`.execute(db);
}
