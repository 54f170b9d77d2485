import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** Official Account events; `openId` is the follower's id within this account (`appId`). */
const follower = { appId: platformId, openId: platformId };

export const oaFollowedEvent = defineEvent(
  'oa.followed',
  z.object({
    ...follower,
    /** The parametric QR code's scene when the follow came from one. */
    scene: z.string().optional(),
    ticket: z.string().optional(),
  }),
);

export const oaUnfollowedEvent = defineEvent('oa.unfollowed', z.object(follower));

/** An existing follower scanned a parametric QR code. */
export const oaScannedEvent = defineEvent(
  'oa.scanned',
  z.object({ ...follower, scene: z.string(), ticket: platformId }),
);

export const oaMessageReceivedEvent = defineEvent(
  'oa.message_received',
  z.object({
    ...follower,
    msgId: platformId,
    msgType: z.enum(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']),
    content: z.string().optional(),
    mediaId: z.string().optional(),
    pictureUrl: z.string().optional(),
    format: z.string().optional(),
    recognition: z.string().optional(),
    thumbMediaId: z.string().optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        scale: z.number().optional(),
        label: z.string().optional(),
      })
      .optional(),
    link: z.object({ title: z.string(), description: z.string(), url: z.string() }).optional(),
  }),
);

export const oaTemplateFinishedEvent = defineEvent(
  'oa.template_finished',
  z.object({
    ...follower,
    msgId: platformId,
    status: z.enum(['success', 'user_blocked', 'failed']),
  }),
);

export const oaMenuClickedEvent = defineEvent(
  'oa.menu_clicked',
  z.object({
    ...follower,
    /** `click` menus carry a developer key; `view` menus carry the URL opened. */
    kind: z.enum(['click', 'view']),
    key: z.string(),
    menuId: z.string().optional(),
  }),
);

export const oaEvents = [
  oaFollowedEvent,
  oaUnfollowedEvent,
  oaScannedEvent,
  oaMessageReceivedEvent,
  oaTemplateFinishedEvent,
  oaMenuClickedEvent,
] as const;
