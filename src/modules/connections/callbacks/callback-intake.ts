import type { Database } from '../../../database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Dialect } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/jobs/job-queue.js';
import type { Logger } from '../../../platform/log.js';
import type { Kysely } from 'kysely';
import { updateConnection } from '../connection.store.js';
import { insertInboundCallbacks } from '../inbound-callback.store.js';
import type { CallbackChannel } from './callback.metrics.js';
import type { CallbackTarget } from './callback-targets.js';
import { GroupCommit } from './group-commit.js';
import { InboxBatch, type InboxItem, type IntakeOutcome } from './inbox-batch.js';
import { storeOnPostgres } from './postgres-inbox.js';
import type { CallbackSummary } from './callback-summary.js';

export interface CallbackIntakeDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
}

/** `last_callback_at` is written at most this often per connection. */
const touchEveryMs = 60_000;

/**
 * Persists verified, decrypted, parsed callbacks: the raw callback in `inbound_callback` and
 * the job that will publish its domain events (callback-dispatch.ts) in ONE transaction, so a
 * callback is either fully taken in or not at all. A dedup key already stored is a no-op.
 *
 * Callbacks arriving together share that transaction (group commit, see GroupCommit): one
 * commit per batch instead of one per callback, each acknowledged after the commit.
 */
export class CallbackIntake {
  private readonly lastTouched = new Map<string, number>();
  private readonly commits = new GroupCommit<InboxItem, IntakeOutcome>((batch) =>
    this.deps.dialect === 'postgres'
      ? this.writeOnPostgres(batch)
      : this.deps.jobs.transaction((trx) => this.write(trx, batch)),
  );

  constructor(private readonly deps: CallbackIntakeDeps) {}

  async store(
    channel: CallbackChannel,
    target: CallbackTarget,
    plaintext: string,
    summary: CallbackSummary,
  ): Promise<IntakeOutcome> {
    const receivedAt = this.deps.clock.now();
    const result = await this.commits.add({ channel, target, plaintext, summary, receivedAt });
    await this.touch(target, receivedAt);
    return result;
  }

  /** A callback another connection stored (the callback thread's): its dispatch job is due. */
  async storedElsewhere(target: CallbackTarget, outcome: IntakeOutcome): Promise<IntakeOutcome> {
    if (outcome === 'handled') this.deps.jobs.wake();
    await this.touch(target, this.deps.clock.now());
    return outcome;
  }

  private async write(trx: Kysely<Database>, items: InboxItem[]): Promise<IntakeOutcome[]> {
    const batch = new InboxBatch(items);
    const outcomes = batch.outcomes(await insertInboundCallbacks(trx, batch.rows));
    const jobs = batch.dispatchJobs(outcomes);
    if (jobs.length > 0) await this.deps.jobs.enqueueMany(trx, jobs);
    return outcomes;
  }

  /** One statement, one round trip (postgres-inbox.ts); then the poller claims the jobs. */
  private async writeOnPostgres(items: InboxItem[]): Promise<IntakeOutcome[]> {
    const { outcomes, queuedJobs } = await storeOnPostgres(this.deps.db, items);
    if (queuedJobs > 0) this.deps.jobs.wake();
    return outcomes;
  }

  /** The platform verified the callback URL (the GET handshake succeeded). */
  async verified(target: CallbackTarget): Promise<void> {
    const now = this.deps.clock.now();
    await updateConnection(this.deps.db, target.workspaceId, target.connectionId, {
      callback_verified_at: now,
    });
  }

  /** Notes that the connection receives callbacks; a failure here never fails the callback. */
  private async touch(target: CallbackTarget, now: number): Promise<void> {
    const last = this.lastTouched.get(target.connectionId);
    if (last !== undefined && now - last < touchEveryMs) return;
    this.lastTouched.set(target.connectionId, now);
    try {
      await updateConnection(this.deps.db, target.workspaceId, target.connectionId, {
        last_callback_at: now,
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not record last_callback_at');
    }
  }
}
