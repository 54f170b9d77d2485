import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { PeopleContext } from './people.context.js';
import { pullQueue, type PullPayload } from './wecom-tags.queues.js';

/**
 * Enqueues a corp-tag pull in `trx`. `reason` makes the idempotency key (a `tag.changed`
 * event id, the unknown tag ids met, …): the same reason never pulls twice.
 */
export async function enqueuePull(
  trx: Kysely<Database>,
  ctx: Pick<PeopleContext, 'jobs'>,
  workspaceId: string,
  reason: string,
  payload: PullPayload = {},
): Promise<void> {
  await ctx.jobs.enqueue(trx, {
    queue: pullQueue,
    key: `${pullQueue}:${workspaceId}:${reason}`,
    payload,
    workspaceId,
  });
}
