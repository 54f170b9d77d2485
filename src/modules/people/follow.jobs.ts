import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { FollowUser } from '../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../database.js';
import { PermanentJobError } from '../../platform/jobs/job.js';
import { applyContactDetails, type ContactFollowDetails } from './follow.details.js';
import type { PeopleContext } from './people.context.js';

const queue = 'people.contact_details';
const payload = z.object({ corpId: z.string(), externalUserId: z.string() });

/** Enqueues a fetch of the customer's WeCom details, once per `reason` (an event id). */
export async function enqueueContactDetails(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  input: z.infer<typeof payload> & { reason: string },
): Promise<void> {
  const { reason, ...rest } = input;
  await ctx.jobs.enqueue(trx, {
    queue,
    key: `${queue}:${reason}`,
    payload: rest,
    workspaceId,
  });
}

/** A follow user of `externalcontact/get`: its corp tags are the ones synced. */
export const followUserDetails = (f: FollowUser): ContactFollowDetails => ({
  ...f,
  tagIds: f.tags.flatMap((t) => (t.kind === 'corp' && t.tagId ? [t.tagId] : [])),
});

/**
 * Fetches a customer's details from WeCom (`externalContacts.get`) and applies them: unionid
 * (merging with the Official Account / Mini Program person of the same unionid), name and
 * avatar, every employee's remark, description, add way, state and corp tags. Nothing to do
 * without a WeCom connection of that corp, or when WeCom no longer knows the customer.
 */
export function registerFollowJobs(ctx: PeopleContext): void {
  ctx.jobs.registry.register(queue, {
    schema: payload,
    maxAttempts: 8,
    handler: async ({ corpId, externalUserId }, job) => {
      const workspaceId = job.workspaceId;
      if (!workspaceId) throw new PermanentJobError('contact details without a workspace');
      const client = await ctx.clients.wecom(workspaceId);
      if (client?.corpId !== corpId) return;
      let detail;
      try {
        detail = await client.externalContacts.get(externalUserId);
      } catch (error) {
        if (isWechatApiError(error, 'not_found')) return;
        if (isWechatApiError(error) && !error.retryable) {
          throw new PermanentJobError(error.message, { cause: error });
        }
        throw error;
      }
      const item = { contact: detail.contact, follows: detail.followUsers.map(followUserDetails) };
      await ctx.jobs.transaction((trx) =>
        applyContactDetails(trx, ctx, workspaceId, corpId, [item], {
          source: 'wecom',
          occurredAt: ctx.clock.now(),
        }),
      );
    },
  });
}
