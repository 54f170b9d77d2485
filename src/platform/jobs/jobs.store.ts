import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Dialect } from '../db/database.js';
import type { JobRow, JobStatus } from './job.js';
import type { JobsTable } from './jobs.table.js';

/**
 * A database or a transaction (Transaction extends Kysely): enqueueing joins the caller's
 * transaction. Typed on the app's Database because Transaction<Database> is not assignable
 * to Kysely<JobsTables>.
 */
export type JobsDb = Kysely<Database>;
export type NewJobRow = Insertable<JobsTable>;

export interface InsertedJob {
  id: string;
  key: string;
  /** False when a job with the same key already existed (the insert was a no-op). */
  created: boolean;
}

const insertChunk = 500;

/** Inserts jobs; a key that already exists is skipped and its existing id returned. */
export async function insertJobs(db: JobsDb, rows: readonly NewJobRow[]): Promise<InsertedJob[]> {
  const created = new Map<string, string>();
  for (let i = 0; i < rows.length; i += insertChunk) {
    const inserted = await db
      .insertInto('jobs')
      .values(rows.slice(i, i + insertChunk))
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['id', 'key'])
      .execute();
    for (const row of inserted) created.set(row.key, row.id);
  }
  const missing = rows.map((r) => r.key).filter((key) => !created.has(key));
  const existing = new Map<string, string>();
  if (missing.length > 0) {
    const found = await db
      .selectFrom('jobs')
      .select(['id', 'key'])
      .where('key', 'in', missing)
      .execute();
    for (const row of found) existing.set(row.key, row.id);
  }
  return rows.map((r) => {
    const id = created.get(r.key);
    if (id !== undefined) return { id, key: r.key, created: true };
    return { id: existing.get(r.key)!, key: r.key, created: false };
  });
}

/**
 * A WHERE term that makes the statement's own implicit transaction commit without waiting
 * for the WAL flush on PostgreSQL (synchronous_commit off, local to that transaction; other
 * sessions see the change at once). Used for claims and completions: if the server crashes
 * before the flush, the write is lost just as if the worker had crashed before making it, and
 * leases run the job again, the at-least-once contract handlers honour anyway. Never added
 * inside a caller's transaction; enqueues stay fully durable with the caller's commit.
 */
function asyncCommit(db: JobsDb, dialect: Dialect) {
  return dialect === 'postgres' && !db.isTransaction
    ? sql<boolean>`(select set_config('synchronous_commit', 'off', true)) is not null`
    : sql<boolean>`1 = 1`;
}

export interface ClaimOptions {
  owner: string;
  queues: readonly string[];
  limit: number;
  now: number;
  leaseMs: number;
  /** Only these jobs (immediate dispatch of known ids). */
  ids?: readonly string[];
}

/**
 * Claims up to `limit` due pending jobs in one statement. PostgreSQL: the SELECT takes row
 * locks with SKIP LOCKED, so concurrent workers never claim the same row and never wait on
 * each other. SQLite: the single UPDATE … RETURNING runs under SQLite's one writer lock.
 */
export async function claimJobs(
  db: JobsDb,
  dialect: Dialect,
  options: ClaimOptions,
): Promise<JobRow[]> {
  if (options.queues.length === 0 || options.limit <= 0) return [];
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_at', '<=', options.now)
    .where('queue', 'in', options.queues)
    .$if(options.ids !== undefined, (q) => q.where('id', 'in', options.ids!))
    .orderBy('run_at')
    .limit(options.limit);
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: options.owner,
      locked_until: options.now + options.leaseMs,
      updated_at: options.now,
    }))
    .where((eb) =>
      dialect === 'postgres'
        ? // = ANY(ARRAY(subquery)) runs the locking SELECT once (an InitPlan) and updates by
          // primary key. As a plain IN (subquery) PostgreSQL may re-run it per outer row, each run
          // skipping rows already taken, so the LIMIT would not hold.
          eb('id', '=', eb.fn.any(sql<string[]>`array(${due.forUpdate().skipLocked()})`))
        : eb('id', 'in', due),
    )
    .where(asyncCommit(db, dialect))
    .returningAll()
    .execute();
}

/** An UPDATE of the jobs among `ids` that `owner` still holds (running, its lease not taken over). */
function updateHeldJobs(db: JobsDb, ids: readonly string[], owner: string) {
  return db
    .updateTable('jobs')
    .where('id', 'in', ids)
    .where('locked_by', '=', owner)
    .where('status', '=', 'running');
}

/** Marks jobs this owner still holds as succeeded; returns the ids it could complete. */
export async function completeJobs(
  db: JobsDb,
  dialect: Dialect,
  options: { ids: readonly string[]; owner: string; now: number },
): Promise<string[]> {
  if (options.ids.length === 0) return [];
  const rows = await updateHeldJobs(db, options.ids, options.owner)
    .set({
      status: 'succeeded',
      locked_by: null,
      locked_until: null,
      updated_at: options.now,
      finished_at: options.now,
    })
    .returning('id')
    .where(asyncCommit(db, dialect))
    .execute();
  return rows.map((r) => r.id);
}

/** Records a failed attempt: back to pending at `retryAt`, or dead when `retryAt` is null. */
export async function failJob(
  db: JobsDb,
  options: { id: string; owner: string; now: number; error: string; retryAt: number | null },
): Promise<boolean> {
  const result = await updateHeldJobs(db, [options.id], options.owner)
    .set({
      status: options.retryAt === null ? 'dead' : 'pending',
      run_at: options.retryAt ?? options.now,
      last_error: options.error,
      locked_by: null,
      locked_until: null,
      updated_at: options.now,
      finished_at: options.retryAt === null ? options.now : null,
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Heartbeat: pushes the lease of the owner's running jobs to `lockedUntil`; returns the ids still held. */
export async function extendLeases(
  db: JobsDb,
  options: { ids: readonly string[]; owner: string; lockedUntil: number; now: number },
): Promise<string[]> {
  if (options.ids.length === 0) return [];
  const rows = await updateHeldJobs(db, options.ids, options.owner)
    .set({ locked_until: options.lockedUntil, updated_at: options.now })
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Graceful shutdown: hands jobs still running back to the queue; the attempt is not counted. */
export async function releaseJobs(
  db: JobsDb,
  options: { ids: readonly string[]; owner: string; now: number },
): Promise<number> {
  if (options.ids.length === 0) return 0;
  const result = await updateHeldJobs(db, options.ids, options.owner)
    .set((eb) => ({
      status: 'pending',
      attempts: eb('attempts', '-', 1),
      run_at: options.now,
      locked_by: null,
      locked_until: null,
      updated_at: options.now,
    }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Takes over running jobs whose lease expired (their worker died or hung): back to pending,
 * or dead when no attempt is left. Returns how many were rescued.
 */
export async function rescueExpiredJobs(db: JobsDb, now: number): Promise<number> {
  const expired = db
    .updateTable('jobs')
    .where('status', '=', 'running')
    .where('locked_until', '<', now);
  const dead = await expired
    .set((eb) => ({
      status: 'dead',
      last_error: eb.fn.coalesce(
        eb.ref('last_error'),
        eb.val('lease expired: the worker stopped heart-beating (crashed or hung)'),
      ),
      locked_by: null,
      locked_until: null,
      updated_at: now,
      finished_at: now,
    }))
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  const pending = await expired
    .set({ status: 'pending', run_at: now, locked_by: null, locked_until: null, updated_at: now })
    .executeTakeFirst();
  return Number(dead.numUpdatedRows) + Number(pending.numUpdatedRows);
}

export async function findJob(db: JobsDb, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(
  db: JobsDb,
  filter: { status?: JobStatus; queue?: string; workspaceId?: string; limit: number },
): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!))
    .$if(filter.queue !== undefined, (qb) => qb.where('queue', '=', filter.queue!))
    .$if(filter.workspaceId !== undefined, (qb) =>
      qb.where('workspace_id', '=', filter.workspaceId!),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

/** Moves a dead or cancelled job back to pending with a fresh set of attempts. */
export async function retryJob(db: JobsDb, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'pending',
      attempts: 0,
      last_error: null,
      run_at: now,
      updated_at: now,
      finished_at: null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'cancelled'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Cancels a job that has not started yet. */
export async function cancelJob(db: JobsDb, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', updated_at: now, finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countJobsByStatus(db: JobsDb): Promise<{ status: string; count: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}
