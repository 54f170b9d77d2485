import type { CallbackOutcome } from '../../../channels/shared/callback-outcome.js';
import type { Database } from '../../../database.js';
import type { DomainEvent } from '../../../events/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { EventBus } from '../../../platform/event-bus/event-bus.js';
import { newId } from '../../../platform/ids.js';
import type { JobQueue } from '../../../platform/jobs/job-queue.js';
import type { Logger } from '../../../platform/log.js';
import type { Kysely } from 'kysely';
import { updateConnection } from '../connection.store.js';
import { insertInboundCallback } from '../inbound-callback.store.js';
import type { CallbackChannel } from './callback.metrics.js';
import type { CallbackTarget } from './callback-targets.js';

export type IntakeOutcome = 'handled' | 'unhandled' | 'duplicate';

export interface CallbackIntakeDeps {
  db: Kysely<Database>;
  jobs: JobQueue;
  bus: EventBus<DomainEvent>;
  clock: Clock;
  logger: Logger;
}

/** `last_callback_at` is written at most this often per connection. */
const touchEveryMs = 60_000;

/**
 * Persists verified, decrypted, parsed callbacks: the raw callback in `inbound_callback` and
 * its domain events on the bus (with their delivery jobs) in ONE transaction, so a callback
 * is either fully taken in or not at all. A dedup key already stored is a no-op.
 */
export class CallbackIntake {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly deps: CallbackIntakeDeps) {}

  async store(
    channel: CallbackChannel,
    target: CallbackTarget,
    plaintext: string,
    outcome: CallbackOutcome,
  ): Promise<IntakeOutcome> {
    const { jobs, bus, clock } = this.deps;
    const now = clock.now();
    const result = await jobs.transaction(async (trx): Promise<IntakeOutcome> => {
      const stored = await insertInboundCallback(trx, {
        id: newId(now),
        workspace_id: target.workspaceId,
        connection_id: target.connectionId,
        dedup_key: outcome.dedupKey,
        topic:
          outcome.kind === 'events' ? outcome.events.map((e) => e.type).join(',') : outcome.topic,
        plaintext,
        outcome: outcome.kind === 'events' ? 'handled' : 'unhandled',
        received_at: now,
      });
      if (!stored) return 'duplicate';
      if (outcome.kind === 'unhandled') return 'unhandled';
      await bus.publish(trx, target.workspaceId, outcome.events, { source: channel });
      return 'handled';
    });
    await this.touch(target, now);
    return result;
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
