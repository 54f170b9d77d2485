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
