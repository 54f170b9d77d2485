import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { PeopleContext } from './people.context.js';
import { pushQueue, type PushPayload } from './wecom-tags.queues.js';

type Db = Kysely<Database>;

/**
 * Enqueues the push of a corp tag or group change to WeCom in the caller's transaction (the
 * tag service calls it for corp-source rows only). One job per change (`at`), run in order of
 * creation; each works from the row's state when it runs.
 */
export async function enqueueTagPush(
  trx: Db,
  ctx: Pick<PeopleContext, 'jobs'>,
  workspaceId: string,
  change: PushPayload,
  at: number,
): Promise<void> {
  await ctx.jobs.enqueue(trx, {
    queue: pushQueue,
    key: `${pushQueue}:${change.entity}:${change.id}:${change.action}:${at}`,
    payload: change,
    workspaceId,
    maxAttempts: 8,
  });
}

/**
 * Tags and groups with a change made in Siyu that has not reached WeCom yet: `changing`
 * (created, renamed or reordered) and `deleting`. A pull keeps these as Siyu has them: the
 * local change is the newer one.
 */
export async function pendingLocalPushes(
  db: Db,
  workspaceId: string,
): Promise<{ changing: Set<string>; deleting: Set<string> }> {
  const jobs = await db
    .selectFrom('jobs')
    .select('key')
    .where('workspace_id', '=', workspaceId)
    .where('queue', '=', pushQueue)
    .where('status', 'in', ['pending', 'running'])
    .execute();
  const pending = { changing: new Set<string>(), deleting: new Set<string>() };
  for (const { key } of jobs) {
    const match = /^[^:]+:(?:tag|group):([^:]+):(create|update|delete):\d+$/.exec(key);
    if (!match) continue;
    (match[2] === 'delete' ? pending.deleting : pending.changing).add(match[1]!);
  }
  return pending;
}
