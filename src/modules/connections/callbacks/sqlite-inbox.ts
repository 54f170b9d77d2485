import SQLite from 'better-sqlite3';
import { tuneSqliteConnection } from '../../../platform/db/database.js';
import { fallbackAutoCheckpointPages } from '../../../platform/db/sqlite-checkpointer.js';
import type { EnqueueOptions } from '../../../platform/jobs/job-queue.js';
import { newJobRow } from '../../../platform/jobs/job-row.js';
import type { DispatchPayload } from './callback-dispatch.js';
import { InboxBatch, type InboxItem, type IntakeOutcome } from './inbox-batch.js';

/**
 * Callbacks a dispatch job may name when later batches join it: one job then publishes the
 * callbacks of several batches in one transaction, instead of one small job per batch.
 */
const maxCallbacksPerJob = 128;

/** A dispatch job this connection wrote, which later batches join while it still waits. */
interface OpenJob {
  id: string;
  payload: DispatchPayload;
}

/**
 * The inbox written from the callback thread through its own connection to the SQLite file,
 * so the HTTP thread neither builds nor runs these statements: the same rows and dispatch jobs
 * as CallbackIntake writes (InboxBatch), in one `BEGIN IMMEDIATE` transaction per batch. The
 * app's own transactions begin immediate too (platform/db/database.ts), so neither connection
 * ever fails a write because the other committed; each waits for the write lock (busy_timeout).
 *
 * A batch's callbacks join the dispatch job the previous batch of the same connection wrote
 * while that job is still pending (no worker has claimed it; up to `maxCallbacksPerJob`): the
 * thread's batches are small (a message of at most 16), and a job per batch cost the dispatch
 * ~100 µs more per callback than the larger jobs of the intake's group commit. Whether the job
 * still waits is decided inside the write transaction, so a worker either claimed it before
 * (and the batch gets a job of its own) or claims it afterwards, with the joined callbacks.
 */
export class SqliteInbox {
  private readonly db: SQLite.Database;
  private readonly inserts = new Map<string, SQLite.Statement>();
  private readonly joinJob: SQLite.Statement;
  private readonly openJobs = new Map<string, OpenJob>();
  private readonly writeBatch: (items: readonly InboxItem[]) => {
    outcomes: IntakeOutcome[];
    opened: [string, OpenJob][];
  };

  constructor(file: string) {
    this.db = new SQLite(file, { fileMustExist: true });
    tuneSqliteConnection(this.db);
    // Checkpoints are the background thread's (sqlite-checkpointer.ts), as for the app's own
    // connection: otherwise every ~1,000 WAL pages a commit here would copy and fsync them.
    this.db.pragma(`wal_autocheckpoint = ${fallbackAutoCheckpointPages}`);
    this.joinJob = this.db.prepare(
      `update "jobs" set "payload" = ?, "updated_at" = ? where "id" = ? and "status" = 'pending'`,
    );
    this.writeBatch = this.db.transaction((items: readonly InboxItem[]) => {
      const batch = new InboxBatch(items);
      const added = this.insert('inbound_callback', batch.rows, ['workspace_id', 'dedup_key']);
      const outcomes = batch.outcomes(
        new Set(batch.rows.filter((_, i) => added[i]).map((r) => r.id)),
      );
      const now = items[0]!.receivedAt;
      const opened: [string, OpenJob][] = [];
      const jobs = batch.dispatchJobs(outcomes).flatMap((job) => {
        const joined = this.join(job, now);
        if (joined) {
          opened.push(joined);
          return [];
        }
        const row = newJobRow(job, now, undefined);
        opened.push([openJobKey(job), { id: row.id, payload: job.payload as DispatchPayload }]);
        return [row];
      });
      this.insert('jobs', jobs, ['key']);
      return { outcomes, opened };
    }).immediate;
  }

  /**
   * Stores the items in one transaction; when it fails, each item is written alone, so only a
   * failing item gets its error (its callback is answered 500 and retried by the platform).
   */
  store(items: readonly InboxItem[]): (IntakeOutcome | Error)[] {
    try {
      return this.write(items);
    } catch (error) {
      if (items.length === 1) return [asError(error)];
      return items.map((item) => {
        try {
          return this.write([item])[0]!;
        } catch (itemError) {
          return asError(itemError);
        }
      });
    }
  }

  /** Writes, then (committed) remembers the dispatch jobs later batches may join. */
  private write(items: readonly InboxItem[]): IntakeOutcome[] {
    const { outcomes, opened } = this.writeBatch(items);
    for (const [key, job] of opened) this.openJobs.set(key, job);
    return outcomes;
  }

  /** Adds `job`'s callbacks to the pending job of the same connection, when there is one. */
  private join(job: EnqueueOptions, now: number): [string, OpenJob] | undefined {
    const key = openJobKey(job);
    const open = this.openJobs.get(key);
    const { ids } = job.payload as DispatchPayload;
    if (!open || open.payload.ids.length + ids.length > maxCallbacksPerJob) return undefined;
    const payload = { ...open.payload, ids: [...open.payload.ids, ...ids] };
    if (this.joinJob.run(JSON.stringify(payload), now, open.id).changes === 0) return undefined;
    return [key, { id: open.id, payload }];
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

/** The jobs one dispatch job may merge: a job reads its callbacks by these alone. */
function openJobKey(job: EnqueueOptions): string {
  const { channel, appId } = job.payload as DispatchPayload;
  return `${job.workspaceId ?? ''}\n${channel}\n${appId}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
