import { enqueueOaUserInfo } from './oa-subscription.jobs.js';
import { applyOaFact } from './oa-subscription.service.js';
import type { PeopleContext } from './people.context.js';

/**
 * Official Account follows and unfollows → subscriptions, persons, timeline; a follow also
 * fetches the follower's unionid. One transaction per delivery, idempotent and ordered by
 * `oa_subscription.last_event_at`.
 */
export function registerOaSubscribers(ctx: PeopleContext): void {
  ctx.bus.subscribe(['oa.followed', 'oa.unfollowed'], 'people.oa_followers', async (event) => {
    const { workspaceId } = event;
    const { appId, openId } = event.data;
    const scene = event.type === 'oa.followed' ? event.data.scene : undefined;
    await ctx.jobs.transaction(async (trx) => {
      const fact = {
        eventId: event.id,
        type: event.type,
        occurredAt: event.occurredAt,
        appId,
        openId,
        scene,
      };
      const outcome = await applyOaFact(trx, ctx, workspaceId, fact);
      if (outcome && event.type === 'oa.followed') {
        await enqueueOaUserInfo(trx, ctx, workspaceId, { appId, openId, reason: event.id });
      }
    });
  });
}
