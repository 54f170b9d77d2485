import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** A corp tag or tag group was created, renamed, deleted or reordered on the platform. */
export const tagChangedEvent = defineEvent(
  'tag.changed',
  z.object({
    corpId: platformId,
    tagType: z.enum(['tag', 'tag_group']),
    changeType: z.enum(['create', 'update', 'delete', 'shuffle']),
    /** The tag id or tag-group id; for a shuffle, the group whose order changed. */
    id: platformId,
    /** Set when the tag belongs to a rule group (strategy) rather than the corp tag library. */
    strategyId: z.string().optional(),
  }),
);

export const tagEvents = [tagChangedEvent] as const;
