import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** The parent department's id; null for a top-level (root) department. */
const parentId = z.string().min(1).nullable();

/** A department was added to the corp's directory. */
export const departmentCreatedEvent = defineEvent(
  'department.created',
  z.object({
    corpId: platformId,
    departmentId: platformId,
    /** Absent when the app may not read department names. */
    name: z.string().optional(),
    parentId: parentId.optional(),
    /** The platform's order among siblings (larger first). */
    order: z.number().int().optional(),
  }),
);

/** A department was renamed or moved; carries only what changed. */
export const departmentUpdatedEvent = defineEvent(
  'department.updated',
  z.object({
    corpId: platformId,
    departmentId: platformId,
    name: z.string().optional(),
    parentId: parentId.optional(),
  }),
);

/** A department was deleted (the platform only deletes empty departments). */
export const departmentDeletedEvent = defineEvent(
  'department.deleted',
  z.object({ corpId: platformId, departmentId: platformId }),
);

export const departmentEvents = [
  departmentCreatedEvent,
  departmentUpdatedEvent,
  departmentDeletedEvent,
] as const;
