import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/**
 * WeChat Customer Service has new messages or events waiting: fetch them with the sync
 * token (valid about 10 minutes). `openKfId` is absent from older callback versions.
 */
export const kfMessagePendingEvent = defineEvent(
  'kf.message_pending',
  z.object({ corpId: platformId, openKfId: z.string().optional(), syncToken: platformId }),
);

export const kfEvents = [kfMessagePendingEvent] as const;
