import type { Insertable } from 'kysely';
import { newId } from '../../../platform/ids.js';
import type { EnqueueOptions } from '../../../platform/jobs/job-queue.js';
import type { InboundCallbackTable } from '../connection.table.js';
import type { CallbackChannel } from './callback.metrics.js';
import { dispatchJobsFor } from './callback-dispatch.js';
import type { CallbackSummary } from './callback-summary.js';

export type IntakeOutcome = 'handled' | 'unhandled' | 'duplicate';

/** Where a callback goes: plain data, so it can cross to the callback thread. */
export interface InboxTarget {
  workspaceId: string;
  connectionId: string;
  /** The connection's corp ID or AppID (the dispatch job's parser needs it). */
  appId: string;
}

/** A verified, decrypted, parsed callback to keep in the inbox. */
export interface InboxItem {
  channel: CallbackChannel;
  target: InboxTarget;
  plaintext: string;
  summary: CallbackSummary;
  receivedAt: number;
}

/**
 * What one transaction writes for a batch of callbacks, whichever connection writes it (the
 * intake on the HTTP thread, or the callback thread's own SQLite connection): the inbox rows,
 * then, once it is known which rows were new, the dispatch jobs for the handled ones.
 */
export class InboxBatch {
  readonly rows: Insertable<InboundCallbackTable>[];

  constructor(private readonly items: readonly InboxItem[]) {
    this.rows = items.map(({ target, plaintext, summary, receivedAt }) => ({
      id: newId(receivedAt),
      workspace_id: target.workspaceId,
      connection_id: target.connectionId,
      dedup_key: summary.dedupKey,
      topic: summary.topic,
      plaintext,
      outcome: summary.handled ? 'handled' : 'unhandled',
      received_at: receivedAt,
    }));
  }

  /** Each item's outcome, given the ids of the rows actually inserted (a known dedup key is not). */
  outcomes(inserted: ReadonlySet<string>): IntakeOutcome[] {
    return this.rows.map((row) => (inserted.has(row.id) ? row.outcome : 'duplicate'));
  }

  /** The jobs that will publish the handled callbacks' events. */
  dispatchJobs(outcomes: readonly IntakeOutcome[]): EnqueueOptions[] {
    return dispatchJobsFor(
      this.items.flatMap(({ channel, target }, i) =>
        outcomes[i] === 'handled' ? [{ ...target, id: this.rows[i]!.id, channel }] : [],
      ),
    );
  }
}
