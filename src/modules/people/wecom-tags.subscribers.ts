import { isWechatApiError } from '../../channels/shared/api-errors.js';
import { PermanentJobError } from '../../platform/jobs/job.js';
import type { JobContext } from '../../platform/jobs/job-registry.js';
import type { PeopleContext } from './people.context.js';
import { findTags } from './tag.store.js';
import { recordTagSyncIssue } from './wecom-tags.issues.js';
import { markPersonTagChange } from './wecom-tags.mark.js';
import { pullCorpTags } from './wecom-tags.pull.js';
import { pushTagChange } from './wecom-tags.push.js';
import {
  markSubscriber,
  pullPayload,
  pullQueue,
  pushPayload,
  pushQueue,
  type PushPayload,
} from './wecom-tags.queues.js';

/** Subscriber pulling the corp tag library when WeCom says it changed. */
const pullSubscriber = 'people.wecom-tags.pull';

/**
 * The corp-tag sync with WeCom, both ways:
 * - `tag.changed` (WeCom's `change_external_tag`) and the pull queue → `pullCorpTags`;
 * - the push queue (corp tag/group created, renamed, deleted in Siyu) → `pushTagChange`;
 * - `person.tag_added/removed` not from WeCom → `mark_tag` on the person's follows.
 * Workspaces without a WeCom connection are skipped.
 */
export function registerWecomTagSync(ctx: PeopleContext): void {
  const pullIfConnected = async (workspaceId: string, reconcilePersonIds?: string[]) => {
    if (await ctx.clients.wecom(workspaceId)) {
      await pullCorpTags(ctx, workspaceId, { reconcilePersonIds });
    }
  };

  ctx.jobs.registry.register(pullQueue, {
    schema: pullPayload,
    maxAttempts: 8,
    handler: async (payload, job) => {
      if (job.workspaceId) await pullIfConnected(job.workspaceId, payload.reconcilePersonIds);
    },
  });

  ctx.jobs.registry.register(pushQueue, {
    schema: pushPayload,
    maxAttempts: 8,
    handler: async (change, job) => {
      if (!job.workspaceId) return;
      try {
        await pushTagChange(ctx, job.workspaceId, change);
      } catch (error) {
        // WeCom refusing the change (not an outage): retrying cannot help.
        const refused = isWechatApiError(error) && !error.retryable;
        if (refused || job.attempt >= job.maxAttempts) {
          await recordPushFailure(ctx, job, change, error);
        }
        if (refused) throw new PermanentJobError(error.message, { cause: error });
        throw error;
      }
    },
  });

  ctx.bus.subscribe(
    'tag.changed',
    pullSubscriber,
    async (event) => {
      // Rule-group (strategy) tags are not in the corp tag library.
      if (event.data.strategyId === undefined) await pullIfConnected(event.workspaceId);
    },
    { maxAttempts: 8 },
  );

  ctx.bus.subscribe(
    ['person.tag_added', 'person.tag_removed'],
    markSubscriber,
    async (event) => markPersonTagChange(ctx, event.workspaceId, event),
    // Changes that came from WeCom are not pushed back: no delivery (an import makes many).
    { maxAttempts: 8, accepts: (event) => event.data.source !== 'wecom' },
  );
}

/** The last attempt of a push failed: the job goes dead; the console shows why. */
async function recordPushFailure(
  ctx: PeopleContext,
  job: JobContext,
  change: PushPayload,
  error: unknown,
): Promise<void> {
  const workspaceId = job.workspaceId!;
  const table = change.entity === 'tag' ? 'tag' : 'tag_group';
  const row = await ctx.db
    .selectFrom(table)
    .select('name')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', change.id)
    .executeTakeFirst();
  const [tag] = change.entity === 'tag' ? await findTags(ctx.db, workspaceId, [change.id]) : [];
  await recordTagSyncIssue(ctx.db, ctx, workspaceId, {
    tagId: change.entity === 'tag' ? change.id : null,
    groupId: change.entity === 'group' ? change.id : (tag?.group_id ?? null),
    name: row?.name ?? '',
    kind: 'push_failed',
    message: `Could not ${change.action} it in WeCom: ${error instanceof Error ? error.message : String(error)}`,
  });
}
