import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { deliveryQueue } from '../../platform/event-bus/event-bus.js';
import { markSubscriber } from './wecom-tags.queues.js';

type Db = Kysely<Database>;

/**
 * Person id → tag ids whose local change (`person.tag_added/removed` not from WeCom) has not
 * been marked on WeCom yet: their mark deliveries are still pending or running. Reconciling
 * leaves those alone, so WeCom data older than the local change does not undo it.
 */
export async function pendingLocalTagPushes(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const pending = new Map<string, Set<string>>();
  if (personIds.length === 0) return pending;
  const jobs = await db
    .selectFrom('jobs')
    .select('key')
    .where('workspace_id', '=', workspaceId)
    .where('queue', '=', deliveryQueue(markSubscriber))
    .where('status', 'in', ['pending', 'running'])
    .execute();
  const eventIds = jobs.flatMap((j) => /^event:(.+):[^:]+$/.exec(j.key)?.[1] ?? []);
  if (eventIds.length === 0) return pending;
  const wanted = new Set(personIds);
  const events = await db
    .selectFrom('domain_event')
    .select('data')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', eventIds)
    .execute();
  for (const event of events) {
    const data = JSON.parse(event.data) as { personId?: string; tagId?: string; source?: string };
    if (data.source === 'wecom' || !data.personId || !data.tagId) continue;
    if (!wanted.has(data.personId)) continue;
    const set = pending.get(data.personId) ?? new Set<string>();
    set.add(data.tagId);
    pending.set(data.personId, set);
  }
  return pending;
}
