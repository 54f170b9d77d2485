import type { Clock } from '../clock.js';
import type { Dialect } from '../db/database.js';
import type { Logger } from '../log.js';
import { describeError, PermanentJobError, RetryJobError, type JobRow } from './job.js';
import type { JobContext, JobRegistry, RegisteredJob } from './job-registry.js';
import type { JobMetrics, JobOutcome } from './jobs.metrics.js';
import { completeJobs, extendLeases, failJob, releaseJobs, type JobsDb } from './jobs.store.js';

export interface SettledJob {
  job: JobRow;
  outcome: JobOutcome;
  error: string | null;
}

export interface ExecutorDeps {
  db: JobsDb;
  dialect: Dialect;
  registry: JobRegistry;
  clock: Clock;
  owner: string;
  leaseMs: number;
  metrics: JobMetrics | undefined;
  logger: Logger | undefined;
  onSettled: (settled: SettledJob) => void;
}

interface InFlight {
  controller: AbortController;
  settled: Promise<JobOutcome>;
}

class JobTimeoutError extends Error {
  constructor(ms: number) {
    super(`Job timed out after ${ms} ms`);
    this.name = 'JobTimeoutError';
  }
}

/**
 * Runs jobs this process has claimed (by the poller or by immediate dispatch): heartbeats
 * their leases, records outcomes (successes batched into one UPDATE per event-loop turn),
 * and on shutdown hands back the ones still running.
 */
export class JobExecutor {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly released = new Set<string>();
  private completions: { id: string; resolve: (ok: boolean) => void }[] = [];
  private flushScheduled = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ExecutorDeps) {}

  get size(): number {
    return this.inFlight.size;
  }

  /** Runs a claimed job; `onHandlerDone` fires when its handler returns, before the outcome is written. */
  run(job: JobRow, onHandlerDone?: () => void): Promise<JobOutcome> {
    const controller = new AbortController();
    const settled = this.execute(job, controller, onHandlerDone).finally(() => {
      this.inFlight.delete(job.id);
      this.released.delete(job.id);
    });
    this.inFlight.set(job.id, { controller, settled });
    this.heartbeat ??= setInterval(() => void this.extend(), Math.max(10, this.deps.leaseMs / 3));
    this.heartbeat.unref();
    return settled;
  }

  /** Waits up to `graceMs` for running jobs, then releases the rest back to pending. */
  async shutdown(graceMs: number): Promise<void> {
    const all = Promise.allSettled([...this.inFlight.values()].map((f) => f.settled));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    const left = [...this.inFlight.keys()];
    if (left.length > 0) {
      for (const id of left) {
        this.released.add(id);
        this.inFlight.get(id)!.controller.abort(new Error('worker shutting down'));
      }
      const count = await releaseJobs(this.deps.db, {
        ids: left,
        owner: this.deps.owner,
        now: this.deps.clock.now(),
      });
      this.deps.logger?.warn({ released: count }, 'jobs still running at shutdown were released');
    }
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private async execute(
    job: JobRow,
    controller: AbortController,
    onHandlerDone: (() => void) | undefined,
  ): Promise<JobOutcome> {
    const started = performance.now();
    const definition = this.deps.registry.get(job.queue);
    let error: unknown;
    try {
      if (!definition) throw new Error(`No handler registered for job queue "${job.queue}"`);
      await this.callHandler(definition, job, controller);
    } catch (caught) {
      error = caught;
    }
    onHandlerDone?.();
    let outcome: JobOutcome;
    if (this.released.has(job.id)) outcome = 'released';
    else if (error === undefined) outcome = (await this.complete(job.id)) ? 'succeeded' : 'lost';
    else outcome = await this.fail(job, definition, error);
    const stored = error === undefined ? null : describeError(error);
    this.deps.metrics?.processed.inc({ queue: job.queue, outcome });
    this.deps.metrics?.duration.observe((performance.now() - started) / 1000, { queue: job.queue });
    if (outcome === 'dead')
      this.deps.logger?.error({ job: job.id, queue: job.queue, error: stored }, 'job dead');
    else if (outcome === 'retried')
      this.deps.logger?.warn(
        { job: job.id, queue: job.queue, error: stored },
        'job failed; will retry',
      );
    try {
      this.deps.onSettled({ job, outcome, error: stored });
    } catch (listenerError) {
      this.deps.logger?.error({ err: listenerError }, 'job settled listener failed');
    }
    return outcome;
  }

  private async callHandler(
    definition: RegisteredJob,
    job: JobRow,
    controller: AbortController,
  ): Promise<void> {
    let payload: unknown;
    try {
      payload = JSON.parse(job.payload);
    } catch (error) {
      throw new PermanentJobError('Payload is not valid JSON', { cause: error });
    }
    if (definition.schema) {
      const parsed = definition.schema.safeParse(payload);
      if (!parsed.success) throw new PermanentJobError(`Invalid payload: ${parsed.error.message}`);
      payload = parsed.data;
    }
    const ctx: JobContext = {
      id: job.id,
      queue: job.queue,
      key: job.key,
      workspaceId: job.workspace_id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      signal: controller.signal,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new JobTimeoutError(definition.timeoutMs);
        reject(error); // first, so the timeout wins the race against a handler that stops on abort
        controller.abort(error);
      }, definition.timeoutMs);
    });
    try {
      await Promise.race([definition.handler(payload, ctx), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fail(
    job: JobRow,
    definition: RegisteredJob | undefined,
    error: unknown,
  ): Promise<JobOutcome> {
    const now = this.deps.clock.now();
    let retryAt: number | null = null;
    if (!(error instanceof PermanentJobError) && job.attempts < job.max_attempts) {
      const delay =
        error instanceof RetryJobError
          ? error.afterMs
          : (definition?.backoff(job.attempts) ?? 60_000);
      retryAt = now + Math.max(0, delay);
    }
    try {
      const recorded = await failJob(this.deps.db, {
        id: job.id,
        owner: this.deps.owner,
        now,
        error: describeError(error),
        retryAt,
      });
      if (!recorded) return 'lost';
    } catch (dbError) {
      this.deps.logger?.error({ err: dbError, job: job.id }, 'could not record a job failure');
      return 'lost';
    }
    return retryAt === null ? 'dead' : 'retried';
  }

  /** Queues a success; all successes of one event-loop turn are written by one UPDATE. */
  private complete(id: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.completions.push({ id, resolve });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.completions;
    this.completions = [];
    let done = new Set<string>();
    try {
      done = new Set(
        await completeJobs(this.deps.db, this.deps.dialect, {
          ids: batch.map((c) => c.id),
          owner: this.deps.owner,
          now: this.deps.clock.now(),
        }),
      );
    } catch (error) {
      this.deps.logger?.error({ err: error, jobs: batch.length }, 'could not record job successes');
    }
    for (const c of batch) c.resolve(done.has(c.id));
  }

  private async extend(): Promise<void> {
    const ids = [...this.inFlight.keys()].filter((id) => !this.released.has(id));
    if (ids.length === 0) return;
    const now = this.deps.clock.now();
    try {
      await extendLeases(this.deps.db, {
        ids,
        owner: this.deps.owner,
        lockedUntil: now + this.deps.leaseMs,
        now,
      });
    } catch (error) {
      this.deps.logger?.error({ err: error }, 'could not extend job leases');
    }
  }
}
