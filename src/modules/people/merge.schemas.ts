import { z } from 'zod';
import { conflictReasons, conflictStatuses } from './person.table.js';

const timestamp = z.iso.datetime();

export const causeIdentitySchema = z.object({
  id: z.string().nullable(),
  kind: z.string(),
  namespace: z.string(),
  /** Masked for personal kinds unless the caller has customers.pii; null once erased. */
  value: z.string().nullable(),
});

export const mergeSchema = z.object({
  id: z.string(),
  winnerPersonId: z.string(),
  loserPersonId: z.string(),
  /** One sentence: why the two were merged. */
  summary: z.string(),
  cause: z.object({
    reason: z.enum(['identity', 'manual']),
    identity: causeIdentitySchema.nullable(),
    loserIdentity: causeIdentitySchema.nullable(),
    source: z.string(),
    event: z.object({ type: z.string(), id: z.string().optional() }).nullable(),
    conflictId: z.string().nullable(),
  }),
  moved: z.object({
    identities: z.array(causeIdentitySchema),
    tags: z.array(
      z.object({ tagId: z.string(), name: z.string().nullable(), shadowed: z.boolean() }),
    ),
    attributes: z.array(z.object({ key: z.string(), shadowed: z.boolean() })),
    attributeConflicts: z.array(
      z.object({
        key: z.string(),
        kept: z.enum(['winner', 'loser']),
        /** The value not kept visible (masked for personal attributes without customers.pii). */
        otherValue: z.union([z.string(), z.number(), z.boolean()]).nullable(),
        otherUpdatedAt: timestamp,
      }),
    ),
    events: z.number(),
    profile: z.object({ displayName: z.string().optional(), avatarUrl: z.string().optional() }),
    hooks: z.record(z.string(), z.unknown()),
  }),
  mergedBy: z.string(),
  createdAt: timestamp,
  undoneAt: timestamp.nullable(),
  undoneBy: z.string().nullable(),
});

export const conflictSchema = z.object({
  id: z.string(),
  /** The two persons as recorded, and who they are now (after later merges). */
  personAId: z.string(),
  personBId: z.string(),
  livePersonAId: z.string().nullable(),
  livePersonBId: z.string().nullable(),
  kind: z.string(),
  namespace: z.string(),
  value: z.string().nullable(),
  reason: z.enum(conflictReasons),
  rule: z.string(),
  status: z.enum(conflictStatuses),
  source: z.string(),
  occurrences: z.number(),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  resolvedAt: timestamp.nullable(),
  resolvedBy: z.string().nullable(),
  mergeId: z.string().nullable(),
});

export const resolveConflictSchema = z.strictObject({
  action: z
    .enum(['merge', 'dismiss'])
    .describe(
      'merge: the two are one person (the older wins; limits do not apply); dismiss: they are not',
    ),
});

export const listConflictsQuery = z.object({
  status: z.enum(conflictStatuses).optional(),
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type Merge = z.infer<typeof mergeSchema>;
export type IdentityConflict = z.infer<typeof conflictSchema>;
