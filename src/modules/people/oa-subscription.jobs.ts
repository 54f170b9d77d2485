import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { Database } from '../../database.js';
import { PermanentJobError } from '../../platform/jobs/job.js';
import { resolveIdentities } from './identity.service.js';
import type { PeopleContext } from './people.context.js';

const queue = 'people.oa_user_info';
const payload = z.object({ appId: z.string(), openId: z.string() });

/** Enqueues a fetch of the follower's user info, once per `reason` (an event id). */
export async function enqueueOaUserInfo(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  input: z.infer<typeof payload> & { reason: string },
): Promise<void> {
  const { reason, ...rest } = input;
  await ctx.jobs.enqueue(trx, { queue, key: `${queue}:${reason}`, payload: rest, workspaceId });
}

/**
 * Fetches an Official Account follower's user info; its unionid joins the openid's person
 * with the WeCom / Mini Program person of the same unionid. Nothing to do without a
 * connection of that account, or without a unionid (account not bound to an open platform).
 */
export function registerOaSubscriptionJobs(ctx: PeopleContext): void {
  ctx.jobs.registry.register(queue, {
    schema: payload,
    maxAttempts: 8,
    handler: async ({ appId, openId }, job) => {
      const workspaceId = job.workspaceId;
      if (!workspaceId) throw new PermanentJobError('OA user info without a workspace');
      const client = await ctx.clients.oa(workspaceId, appId);
      if (!client) return;
      let user;
      try {
        user = await client.users.get(openId);
      } catch (error) {
        if (isWechatApiError(error) && !error.retryable) {
          throw new PermanentJobError(error.message, { cause: error });
        }
        throw error;
      }
      if (!user.unionId) return;
      const identities = [
        { kind: 'oa_openid', namespace: appId, value: openId },
        { kind: 'unionid', value: user.unionId },
      ];
      await ctx.jobs.transaction((trx) =>
        resolveIdentities(trx, ctx, workspaceId, identities, {
          source: 'oa',
          occurredAt: ctx.clock.now(),
        }),
      );
    },
  });
}
