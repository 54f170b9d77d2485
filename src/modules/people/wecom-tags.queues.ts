import { z } from 'zod';

/** Job queue of corp-tag pulls (WeCom → Siyu). */
export const pullQueue = 'people.wecom_tags.pull';

export const pullPayload = z.object({
  /** Persons to reconcile once the pull is done (their follows name tags not known before). */
  reconcilePersonIds: z.array(z.string()).optional(),
});
export type PullPayload = z.infer<typeof pullPayload>;

/** Event subscriber that marks corp tags on WeCom when Siyu changes a person's tags. */
export const markSubscriber = 'people.wecom-tags.mark';

/** Job queue of corp tag and group changes made in Siyu (Siyu → WeCom). */
export const pushQueue = 'people.wecom_tags.push';

export const pushPayload = z.object({
  entity: z.enum(['tag', 'group']),
  id: z.string(),
  action: z.enum(['create', 'update', 'delete']),
});
export type PushPayload = z.infer<typeof pushPayload>;
