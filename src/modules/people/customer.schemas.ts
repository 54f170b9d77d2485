import { z } from 'zod';
import { personAttributeSchema } from './attribute.schemas.js';
import { followStatuses } from './relations.table.js';
import { personTagSchema } from './tag.schemas.js';

const timestamp = z.iso.datetime();

export const customerParams = z.object({ slug: z.string(), personId: z.string() });

export const identitySchema = z.object({
  id: z.string(),
  kind: z.string(),
  namespace: z.string(),
  /** Phones, emails: masked unless the caller has customers.pii. */
  value: z.string(),
  masked: z.boolean(),
  verified: z.boolean(),
  source: z.string(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
});

export const timelineEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  source: z.string(),
  properties: z.record(z.string(), z.unknown()),
  occurredAt: timestamp,
  recordedAt: timestamp,
});

export const customerProfileSchema = z.object({
  id: z.string(),
  /** Set when the id asked for was merged into this person. */
  requestedId: z.string().nullable(),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  erasedAt: timestamp.nullable(),
  /** Persons merged into this one (their ids resolve here). */
  mergedPersonIds: z.array(z.string()),
  identities: z.array(identitySchema),
  tags: z.array(personTagSchema),
  attributes: z.array(personAttributeSchema),
  recentEvents: z.array(timelineEventSchema),
  openConflicts: z.number(),
  /** WeCom friendships with employees, removed ones included (status). */
  followers: z.array(
    z.object({
      corpId: z.string(),
      employeeUserId: z.string(),
      /** Null when the employee is not (yet) in the synced directory. */
      employeeName: z.string().nullable(),
      remark: z.string().nullable(),
      description: z.string().nullable(),
      state: z.string().nullable(),
      status: z.enum(followStatuses),
      addedAt: timestamp,
      removedAt: timestamp.nullable(),
    }),
  ),
  oaSubscriptions: z.array(
    z.object({
      appId: z.string(),
      subscribed: z.boolean(),
      scene: z.string().nullable(),
      subscribedAt: timestamp.nullable(),
      unsubscribedAt: timestamp.nullable(),
    }),
  ),
  /** Merges this person (or one merged into it) took part in, newest first (details: /merges). */
  merges: z.array(
    z.object({
      id: z.string(),
      winnerPersonId: z.string(),
      loserPersonId: z.string(),
      mergedBy: z.string(),
      mergedAt: timestamp,
      undoneAt: timestamp.nullable(),
    }),
  ),
});

export const timelineQuery = z.object({
  before: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  types: z
    .string()
    .optional()
    .describe('Comma-separated event types, e.g. contact.added,oa.followed'),
});

export const timelinePageSchema = z.object({
  items: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
});

export const eraseSchema = z.strictObject({
  reason: z.string().trim().max(500).optional().describe('Kept in the audit log'),
});

export const erasureSchema = z.object({
  personIds: z.array(z.string()),
  identitiesDeleted: z.number(),
  attributesDeleted: z.number(),
  eventsRedacted: z.number(),
  erasedAt: timestamp,
});

export type CustomerProfile = z.infer<typeof customerProfileSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type Identity = z.infer<typeof identitySchema>;
export type Erasure = z.infer<typeof erasureSchema>;
