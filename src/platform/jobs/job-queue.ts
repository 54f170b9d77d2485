import { hostname } from 'node:os';
import type { Transaction } from 'kysely';
import type { Database } from '../../database.js';
import { systemClock, type Clock } from '../clock.js';
import type { Dialect } from '../db/database.js';
import { randomToken } from '../ids.js';
import type { Logger } from '../log.js';
import type { MetricsRegistry } from '../metrics.js';
import type { JobRow } from './job.js';
import { JobExecutor, type SettledJob } from './job-executor.js';
import { JobPoller, type PollerOptions } from './job-poller.js';
import { JobRegistry } from './job-registry.js';
import { newJobRow } from './job-row.js';
import { registerJobMetrics, type JobOutcome } from './jobs.metrics.js';
import {
  claimJobs,
  extendLeases,
  insertJobs,
  rescueExpiredJobs,
  type JobsDb,
  type NewJobRow,
} from './jobs.store.js';

export interface EnqueueOptions<P = unknown> {
  queue: string;
  payload: P;
  /** Idempotency key, unique across all jobs; derive it from the inputs (e.g. `welcome:${eventId}`). */
  key?: string;
  /** Epoch ms; a future time schedules the job (journey waits, reminders). */
  runAt?: number;
  maxAttempts?: number;
  workspaceId?: string | null;
  /** Run at once in this process after commit; see JobQueue.transaction. */
  immediate?: boolean;
}

export interface EnqueuedJob {
  id: string;
  key: string;
  /** False when the key existed: nothing was enqueued. */
  created: boolean;
}

export interface JobQueueOptions {
  db: JobsDb;
  dialect: Dialect;
  clock?: Clock;
  registry?: JobRegistry;
  metrics?: MetricsRegistry;
  logger?: Logger;
  /** How long a claimed job is locked; heartbeats renew it every third of it. Default 30 s. */
  leaseMs?: number;
}

/** Poller settings; `concurrency` limits polled jobs only (immediate jobs run on top of it). */
export type WorkerOptions = Partial<PollerOptions>;

/**
 * The durable job queue of one process: enqueue in the caller's transaction, run due jobs
 * with a poller (start), run urgent jobs at once (immediate), shut down gracefully (stop).
 *
 * Immediate dispatch: enqueue `{ immediate: true }` inside `jobs.transaction(async (trx) => …)`.
 * The job is inserted already claimed by this process, and runs here as soon as the
 * transaction commits (nothing runs if it rolls back). If this process dies first, the lease
 * expires and any worker's poller takes the job over. On the root database (no transaction)
 * an immediate job is dispatched right after its insert. In a transaction that
 * `jobs.transaction` did not open, enqueue without `immediate` and call `dispatchNow(id)`
 * after your commit.
 *
 * ```ts
 * deps.jobs.registry.register('wecom.send_welcome', {
 *   schema: z.object({ followId: z.string() }),
 *   timeoutMs: 15_000,
 *   handler: async ({ followId }, ctx) => { … }, // throw PermanentJobError / RetryJobError
 * });
 * await deps.jobs.transaction(async (trx) => {
 *   await saveFollow(trx, follow);
 *   await deps.jobs.enqueue(trx, {
 *     queue: 'wecom.send_welcome',
 *     key: `welcome:${follow.id}`, // deterministic: a redelivered callback enqueues nothing
 *     payload: { followId: follow.id },
 *     workspaceId: follow.workspaceId,
 *     immediate: true, // the 20 s welcome deadline; poller as fallback
 *   });
 * });
 * // A wait (journeys): enqueue with runAt: clock.now() + delayMs and no immediate.
 * ```
 */
export class JobQueue {
  readonly registry: JobRegistry;
  /** This process's identity in `locked_by`. */
  readonly owner = `${hostname()}:${process.pid}:${randomToken(6)}`;
  private readonly db: JobsDb;
  private readonly dialect: Dialect;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly logger: Logger | undefined;
  private readonly executor: JobExecutor;
  private readonly listeners = new Set<(settled: SettledJob) => void>();
  private readonly afterCommit = new WeakMap<Transaction<Database>, JobRow[]>();
  private poller: JobPoller | undefined;

  constructor(options: JobQueueOptions) {
    this.db = options.db;
    this.dialect = options.dialect;
    this.clock = options.clock ?? systemClock;
    this.registry = options.registry ?? new JobRegistry();
    this.leaseMs = options.leaseMs ?? 30_000;
    this.logger = options.logger;
    this.executor = new JobExecutor({
      db: this.db,
      dialect: this.dialect,
      registry: this.registry,
      clock: this.clock,
      owner: this.owner,
      leaseMs: this.leaseMs,
      metrics: options.metrics && registerJobMetrics(options.metrics, this.db),
      logger: options.logger,
      onSettled: (settled) => this.listeners.forEach((listener) => listener(settled)),
    });
  }

  async enqueue<P>(db: JobsDb, options: EnqueueOptions<P>): Promise<EnqueuedJob> {
    return (await this.enqueueMany(db, [options]))[0]!;
  }

  async enqueueMany(db: JobsDb, jobs: readonly EnqueueOptions[]): Promise<EnqueuedJob[]> {
    const now = this.clock.now();
    const rows = jobs.map((job) => this.newRow(job, now));
    const afterCommit = db.isTransaction ? this.afterCommit.get(db as Transaction<Database>) : [];
    if (!afterCommit && rows.some((row) => row.status === 'running')) {
      throw new Error(
        'Immediate jobs must be enqueued inside jobs.transaction(); elsewhere enqueue without immediate and call dispatchNow(id) after commit',
      );
    }
    const inserted = await insertJobs(db, rows);
    const claimed = rows
      .filter((row, i) => row.status === 'running' && inserted[i]!.created)
      .map((row) => ({ ...row, attempts: 1 }) as JobRow);
    if (db.isTransaction) afterCommit?.push(...claimed);
    else this.dispatchClaimed(claimed);
    if (!db.isTransaction) this.poller?.wake();
    return inserted;
  }

  /** Jobs were committed by another connection (the callback thread's): claim them now. */
  wake(): void {
    this.poller?.wake();
  }

  /** Runs `fn` in a transaction; after commit, dispatches its immediate jobs and wakes the poller. */
  async transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    let immediate: JobRow[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      immediate = [];
      this.afterCommit.set(trx, immediate);
      return fn(trx);
    });
    if (immediate.length > 0) this.dispatchClaimed(immediate);
    this.poller?.wake();
    return result;
  }

  /**
   * Claims one pending, due job by id and runs it here; resolves with its outcome, or
   * undefined when it was not claimable (already taken, finished, or scheduled later).
   */
  async dispatchNow(id: string): Promise<JobOutcome | undefined> {
    const [job] = await this.claim(1, [id]);
    return job ? this.executor.run(job) : undefined;
  }

  /** Starts polling for due jobs in this process. */
  start(options: WorkerOptions = {}): void {
    this.poller ??= new JobPoller(
      {
        claim: (limit) => this.claim(limit),
        run: (job, onHandlerDone) => void this.executor.run(job, onHandlerDone),
        rescue: () => rescueExpiredJobs(this.db, this.clock.now()),
        logger: this.logger,
      },
      {
        concurrency: options.concurrency ?? 4,
        pollIntervalMs: options.pollIntervalMs ?? 200,
        maxPollIntervalMs: options.maxPollIntervalMs ?? 2000,
        rescueIntervalMs: options.rescueIntervalMs ?? Math.min(5000, this.leaseMs / 2),
      },
    );
    this.poller.start();
  }

  /**
   * Runs every due job (after rescuing expired leases) until none is left; returns how many
   * ran. For tests and one-shot commands; servers use start(). `queues` limits it to those.
   */
  async drain(options: { concurrency?: number; queues?: readonly string[] } = {}): Promise<number> {
    await rescueExpiredJobs(this.db, this.clock.now());
    let count = 0;
    for (;;) {
      const jobs = await this.claim(options.concurrency ?? 10, undefined, options.queues);
      if (jobs.length === 0) return count;
      count += jobs.length;
      await Promise.all(jobs.map((job) => this.executor.run(job)));
    }
  }

  /** Stops claiming, waits up to `graceMs` for running jobs, then releases the rest. */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    await this.poller?.stop();
    await this.executor.shutdown(options.graceMs ?? 10_000);
  }

  /** Called after each job's outcome is recorded (metrics, tests, benchmarks). */
  onSettled(listener: (settled: SettledJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private claim(
    limit: number,
    ids?: readonly string[],
    queues: readonly string[] = this.registry.queues(),
  ): Promise<JobRow[]> {
    return claimJobs(this.db, this.dialect, {
      owner: this.owner,
      queues,
      limit,
      now: this.clock.now(),
      leaseMs: this.leaseMs,
      ids,
    });
  }

  private newRow(job: EnqueueOptions, now: number): NewJobRow {
    return newJobRow(job, now, this.registry.get(job.queue), {
      owner: this.owner,
      leaseMs: this.leaseMs,
    });
  }

  /** Runs jobs inserted already claimed; renews the lease first if the transaction was slow. */
  private dispatchClaimed(jobs: JobRow[]): void {
    const now = this.clock.now();
    const fresh = jobs.filter((job) => job.locked_until! - now > this.leaseMs / 2);
    for (const job of fresh) void this.executor.run(job);
    const stale = jobs.filter((job) => !fresh.includes(job));
    if (stale.length === 0) return;
    extendLeases(this.db, {
      ids: stale.map((job) => job.id),
      owner: this.owner,
      lockedUntil: now + this.leaseMs,
      now,
    }).then(
      (held) => {
        for (const job of stale) if (held.includes(job.id)) void this.executor.run(job);
      },
      (error: unknown) =>
        this.logger?.error({ err: error }, 'could not renew immediate job leases'),
    );
  }
}
