import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** Customer groups (external group chats). */
const groupRef = { corpId: platformId, chatId: platformId };

/** Lets a consumer notice a missed membership change: previous and current list versions. */
const memberVersion = z.object({ previous: z.string(), current: z.string() });

export const groupCreatedEvent = defineEvent('group.created', z.object(groupRef));

export const groupUpdatedEvent = defineEvent(
  'group.updated',
  z.object({
    ...groupRef,
    updateDetail: z.enum([
      'member_joined',
      'member_left',
      'owner_changed',
      'name_changed',
      'notice_changed',
    ]),
  }),
);

export const groupDismissedEvent = defineEvent('group.dismissed', z.object(groupRef));

export const groupMemberJoinedEvent = defineEvent(
  'group.member_joined',
  z.object({
    ...groupRef,
    joinScene: z.enum(['invitation', 'invitation_link', 'qr_code', 'other']),
    memberChangeCount: z.number().int().nonnegative(),
    memberIds: z.array(platformId),
    memberVersion: memberVersion.optional(),
  }),
);

export const groupMemberLeftEvent = defineEvent(
  'group.member_left',
  z.object({
    ...groupRef,
    quitScene: z.enum(['left', 'removed', 'other']),
    memberChangeCount: z.number().int().nonnegative(),
    memberIds: z.array(platformId),
    memberVersion: memberVersion.optional(),
  }),
);

export const groupEvents = [
  groupCreatedEvent,
  groupUpdatedEvent,
  groupDismissedEvent,
  groupMemberJoinedEvent,
  groupMemberLeftEvent,
] as const;
