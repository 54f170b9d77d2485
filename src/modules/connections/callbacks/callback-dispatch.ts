import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseOaCallback } from '../../../channels/oa/callbacks.js';
import type { CallbackOutcome } from '../../../channels/shared/callback-outcome.js';
import { parseWecomCallback } from '../../../channels/wecom/callbacks.js';
import type { Database } from '../../../database.js';
import type { DomainEvent } from '../../../events/index.js';
import type { EventBus } from '../../../platform/event-bus/event-bus.js';
import type { EnqueueOptions, JobQueue } from '../../../platform/jobs/job-queue.js';
import { callbackChannels, type CallbackChannel } from './callback.metrics.js';

/**
 * Step 2 of the event flow (architecture.md): the receiver stores each callback raw in the
 * inbox (`inbound_callback`) with this job, in one transaction, and acknowledges; the job
 * turns the stored callbacks into domain events on the bus, with their deliveries. Publishing
 * is keyed by each event's dedup key, so a job that runs again publishes nothing twice.
 */
export const callbackDispatchQueue = 'callbacks.dispatch';

/** A dispatch job's key: this, then the id of its first callback. */
export const dispatchJobKeyPrefix = `${callbackDispatchQueue}:`;

const payloadSchema = z.strictObject({
  channel: z.enum(callbackChannels),
  /** The connection's corp ID or AppID (the Official Account parser needs it). */
  appId: z.string().min(1),
  /** Stored callbacks of one workspace and connection, in arrival order. */
  ids: z.array(z.string().min(1)).min(1),
});
export type DispatchPayload = z.infer<typeof payloadSchema>;

export interface StoredCallback {
  id: string;
  workspaceId: string;
  connectionId: string;
  appId: string;
  channel: CallbackChannel;
}

/** One dispatch job per workspace and connection among the callbacks a transaction stored. */
export function dispatchJobsFor(stored: readonly StoredCallback[]): EnqueueOptions[] {
  const groups = new Map<string, { workspaceId: string; payload: DispatchPayload }>();
  for (const callback of stored) {
    const group = groups.get(callback.connectionId) ?? {
      workspaceId: callback.workspaceId,
      payload: { channel: callback.channel, appId: callback.appId, ids: [] },
    };
    groups.set(callback.connectionId, group);
    group.payload.ids.push(callback.id);
  }
  return [...groups.values()].map(({ workspaceId, payload }) => ({
    queue: callbackDispatchQueue,
    key: `${dispatchJobKeyPrefix}${payload.ids[0]!}`,
    payload,
    workspaceId,
  }));
}

function reparse(channel: CallbackChannel, appId: string, plaintext: string): CallbackOutcome {
  return channel === 'wecom'
    ? parseWecomCallback(plaintext)
    : parseOaCallback(plaintext, { appId });
}

export function registerCallbackDispatch(deps: {
  db: Kysely<Database>;
  jobs: JobQueue;
  bus: EventBus<DomainEvent>;
}): void {
  deps.jobs.registry.register(callbackDispatchQueue, {
    schema: payloadSchema,
    handler: async ({ channel, appId, ids }, ctx) => {
      const workspaceId = ctx.workspaceId!;
      // By primary key alone: with the workspace in the WHERE clause SQLite's planner walks
      // the workspace's whole inbox (its dedup index) instead, slower as the inbox grows.
      const rows = (
        await deps.db
          .selectFrom('inbound_callback')
          .select(['workspace_id', 'plaintext', 'received_at'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute()
      ).filter((row) => row.workspace_id === workspaceId);
      // Consecutive callbacks received in the same millisecond are published together.
      const runs: { receivedAt: number; events: DomainEvent[] }[] = [];
      for (const row of rows) {
        const outcome = reparse(channel, appId, row.plaintext);
        if (outcome.kind !== 'events') continue;
        const last = runs.at(-1);
        if (last?.receivedAt === row.received_at) last.events.push(...outcome.events);
        else runs.push({ receivedAt: row.received_at, events: [...outcome.events] });
      }
      await deps.jobs.transaction(async (trx) => {
        for (const { receivedAt, events } of runs) {
          await deps.bus.publish(trx, workspaceId, events, { source: channel, receivedAt });
        }
      });
    },
  });
}
