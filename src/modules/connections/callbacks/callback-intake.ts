import type { Database } from '../../../database.js';
import type { Clock } from '../../../platform/clock.js';
import { newId } from '../../../platform/ids.js';
import type { JobQueue } from '../../../platform/jobs/job-queue.js';
import type { Logger } from '../../../platform/log.js';
import type { Kysely } from 'kysely';
import { updateConnection } from '../connection.store.js';
import { insertInboundCallbacks } from '../inbound-callback.store.js';
import type { CallbackChannel } from './callback.metrics.js';
import type { CallbackTarget } from './callback-targets.js';
import { dispatchJobsFor } from './callback-dispatch.js';
import { GroupCommit } from './group-commit.js';
import type { CallbackSummary } from './callback-summary.js';

export type IntakeOutcome = 'handled' | 'unhandled' | 'duplicate';

export interface CallbackIntakeDeps {
  db: Kysely<Database>;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
}

/** `last_callback_at` is written at most this often per connection. */
const touchEveryMs = 60_000;

interface Received {
  channel: CallbackChannel;
  target: CallbackTarget;
  plaintext: string;
  summary: CallbackSummary;
  now: number;
}

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
  private readonly commits = new GroupCommit<Received, IntakeOutcome>((batch) =>
    this.deps.jobs.transaction((trx) => this.write(trx, batch)),
  );

  constructor(private readonly deps: CallbackIntakeDeps) {}

  async store(
    channel: CallbackChannel,
    target: CallbackTarget,
    plaintext: string,
    summary: CallbackSummary,
  ): Promise<IntakeOutcome> {
    const now = this.deps.clock.now();
    const result = await this.commits.add({ channel, target, plaintext, summary, now });
    await this.touch(target, now);
    return result;
  }

  private async write(trx: Kysely<Database>, batch: readonly Received[]): Promise<IntakeOutcome[]> {
    const rows = batch.map(({ target, plaintext, summary, now }) => ({
      id: newId(now),
      workspace_id: target.workspaceId,
      connection_id: target.connectionId,
      dedup_key: summary.dedupKey,
      topic: summary.topic,
      plaintext,
      outcome: summary.handled ? ('handled' as const) : ('unhandled' as const),
      received_at: now,
    }));
    const stored = await insertInboundCallbacks(trx, rows);
    const results = batch.map((_, i): IntakeOutcome => {
      if (!stored.has(rows[i]!.id)) return 'duplicate';
      return rows[i]!.outcome;
    });
    const toDispatch = batch.flatMap(({ channel, target }, i) =>
      results[i] === 'handled'
        ? [
            {
              id: rows[i]!.id,
              workspaceId: target.workspaceId,
              connectionId: target.connectionId,
              appId: target.appId,
              channel,
            },
          ]
        : [],
    );
    if (toDispatch.length > 0) await this.deps.jobs.enqueueMany(trx, dispatchJobsFor(toDispatch));
    return results;
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
