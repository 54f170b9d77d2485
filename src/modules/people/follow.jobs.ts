import { z } from 'zod';
import type { FollowUser } from '../../channels/wecom/client/external-contact.mapping.js';
import { callWechat, eventFetch } from './event-fetch.jobs.js';
import { applyContactDetails, type ContactFollowDetails } from './follow.details.js';
import type { PeopleContext } from './people.context.js';

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
const contactDetails = eventFetch({
  queue: 'people.contact_details',
  payload: z.object({ corpId: z.string(), externalUserId: z.string() }),
  what: 'contact details',
  run: async (ctx, workspaceId, { corpId, externalUserId }) => {
    const client = await ctx.clients.wecom(workspaceId);
    if (client?.corpId !== corpId) return;
    const detail = await callWechat(() => client.externalContacts.get(externalUserId), {
      notFound: 'undefined',
    });
    if (!detail) return;
    const item = { contact: detail.contact, follows: detail.followUsers.map(followUserDetails) };
    await ctx.jobs.transaction((trx) =>
      applyContactDetails(trx, ctx, workspaceId, corpId, [item], {
        source: 'wecom',
        occurredAt: ctx.clock.now(),
      }),
    );
  },
});

/** Enqueues a fetch of the customer's WeCom details, once per `reason` (an event id). */
export const enqueueContactDetails = contactDetails.enqueue;

export const registerFollowJobs = (ctx: PeopleContext): void => contactDetails.register(ctx);
