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
 * Rows each index is sampled for on SQLite. The sample is the index's first rows, so a
 * workspace's size is estimated at about this many: with 1,000, reading 500 persons by id
 * looked selective enough through a workspace index instead — every person of the workspace
 * per read (38 ms instead of 4 at 100,000 persons). Estimated at 20,000, a workspace loses
 * to id lists of up to a few thousand; sampling that many costs ~0.1 s per 100,000 rows.
 */
const sqliteAnalysisLimit = 20_000;

/**
 * SQLite analyzes nothing by itself. On a database without statistics its planner takes
 * `workspace_id = ?` for selective, so reading a page's persons or follows by id goes through
 * a workspace index — every row of the workspace — and each page of an import is slower than
 * the last. Sampled statistics of the tables the import reads make it look rows up by id.
 * PostgreSQL's autovacuum analyzes a table once a tenth of it changed, but only when its
 * worker comes by (a minute apart by default): an import into new tables runs its first
 * minute on the statistics of empty ones, so the same tables are analyzed there too
 * (sampled, a ShareUpdateExclusive lock that blocks no reads or writes).
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`analyze ${sql.join(importReadTables.map((t) => sql.table(t)))}`.execute(db);
    return;
  }
  // The connection's setting is put back afterwards (it also bounds `pragma optimize`).
  const { rows } = await sql<{ analysis_limit: number }>`pragma analysis_limit`.execute(db);
  const previous = Number(rows[0]?.analysis_limit ?? 0);
  await sql.raw(`pragma analysis_limit = ${sqliteAnalysisLimit}`).execute(db);
  try {
    for (const table of importReadTables) await sql`analyze ${sql.table(table)}`.execute(db);
  } finally {
    await sql.raw(`pragma analysis_limit = ${previous}`).execute(db);
  }
}
