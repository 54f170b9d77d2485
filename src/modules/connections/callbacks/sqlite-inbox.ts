import SQLite from 'better-sqlite3';
import { tuneSqliteConnection } from '../../../platform/db/database.js';
import { fallbackAutoCheckpointPages } from '../../../platform/db/sqlite-checkpointer.js';
import { newJobRow } from '../../../platform/jobs/job-row.js';
import { InboxBatch, type InboxItem, type IntakeOutcome } from './inbox-batch.js';

/**
 * The inbox written from the callback thread through its own connection to the SQLite file,
 * so the HTTP thread neither builds nor runs these statements: the same rows and dispatch jobs
 * as CallbackIntake writes (InboxBatch), in one `BEGIN IMMEDIATE` transaction per batch. The
 * app's own transactions begin immediate too (platform/db/database.ts), so neither connection
 * ever fails a write because the other committed; each waits for the write lock (busy_timeout).
 */
export class SqliteInbox {
  private readonly db: SQLite.Database;
  private readonly inserts = new Map<string, SQLite.Statement>();
  private readonly writeBatch: (items: readonly InboxItem[]) => IntakeOutcome[];

  constructor(file: string) {
    this.db = new SQLite(file, { fileMustExist: true });
    tuneSqliteConnection(this.db);
    // Checkpoints are the background thread's (sqlite-checkpointer.ts), as for the app's own
    // connection: otherwise every ~1,000 WAL pages a commit here would copy and fsync them.
    this.db.pragma(`wal_autocheckpoint = ${fallbackAutoCheckpointPages}`);
    this.writeBatch = this.db.transaction((items: readonly InboxItem[]) => {
      const batch = new InboxBatch(items);
      const added = this.insert('inbound_callback', batch.rows, ['workspace_id', 'dedup_key']);
      const outcomes = batch.outcomes(
        new Set(batch.rows.filter((_, i) => added[i]).map((r) => r.id)),
      );
      const now = items[0]!.receivedAt;
      const jobs = batch.dispatchJobs(outcomes).map((job) => newJobRow(job, now, undefined));
      this.insert('jobs', jobs, ['key']);
      return outcomes;
    }).immediate;
  }

  /**
   * Stores the items in one transaction; when it fails, each item is written alone, so only a
   * failing item gets its error (its callback is answered 500 and retried by the platform).
   */
  store(items: readonly InboxItem[]): (IntakeOutcome | Error)[] {
    try {
      return this.writeBatch(items);
    } catch (error) {
      if (items.length === 1) return [asError(error)];
      return items.map((item) => {
        try {
          return this.writeBatch([item])[0]!;
        } catch (itemError) {
          return asError(itemError);
        }
      });
    }
  }

  /** INSERT … ON CONFLICT DO NOTHING of rows of one shape; whether each row was inserted. */
  private insert(table: string, rows: readonly object[], conflict: readonly string[]): boolean[] {
    if (rows.length === 0) return [];
    const columns = Object.keys(rows[0]!);
    const key = `${table}(${columns.join(',')})`;
    let statement = this.inserts.get(key);
    if (!statement) {
      const names = columns.map((c) => `"${c}"`).join(', ');
      const values = columns.map(() => '?').join(', ');
      const target = conflict.map((c) => `"${c}"`).join(', ');
      statement = this.db.prepare(
        `insert into "${table}" (${names}) values (${values}) on conflict (${target}) do nothing`,
      );
      this.inserts.set(key, statement);
    }
    const insert = statement;
    return rows.map((row) => insert.run(...Object.values(row)).changes > 0);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
