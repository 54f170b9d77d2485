import { z } from 'zod';
import { callWechat, eventFetch } from './event-fetch.jobs.js';
import { resolveIdentities } from './identity.service.js';
import type { PeopleContext } from './people.context.js';

/**
 * Fetches an Official Account follower's user info; its unionid joins the openid's person
 * with the WeCom / Mini Program person of the same unionid. Nothing to do without a
 * connection of that account, or without a unionid (account not bound to an open platform).
 */
const oaUserInfo = eventFetch({
  queue: 'people.oa_user_info',
  payload: z.object({ appId: z.string(), openId: z.string() }),
  what: 'OA user info',
  run: async (ctx, workspaceId, { appId, openId }) => {
    const client = await ctx.clients.oa(workspaceId, appId);
    if (!client) return;
    const user = await callWechat(() => client.users.get(openId));
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

/** Enqueues a fetch of the follower's user info, once per `reason` (an event id). */
export const enqueueOaUserInfo = oaUserInfo.enqueue;

export const registerOaSubscriptionJobs = (ctx: PeopleContext): void => oaUserInfo.register(ctx);
