import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** An employee's profile as the directory reports it; an update carries only what changed. */
const employeeProfile = {
  name: z.string().optional(),
  departmentIds: z.array(platformId).optional(),
  mainDepartmentId: z.string().optional(),
  position: z.string().optional(),
  mobile: z.string().optional(),
  telephone: z.string().optional(),
  email: z.string().optional(),
  gender: z.enum(['male', 'female', 'unknown']).optional(),
  status: z.enum(['active', 'disabled', 'inactive', 'resigned']).optional(),
  avatarUrl: z.string().optional(),
  alias: z.string().optional(),
  address: z.string().optional(),
};

export const employeeCreatedEvent = defineEvent(
  'employee.created',
  z.object({ corpId: platformId, userId: platformId, ...employeeProfile }),
);

export const employeeUpdatedEvent = defineEvent(
  'employee.updated',
  z.object({
    corpId: platformId,
    userId: platformId,
    /** Set when the employee's user id itself was changed. */
    newUserId: z.string().optional(),
    ...employeeProfile,
  }),
);

export const employeeDeletedEvent = defineEvent(
  'employee.deleted',
  z.object({ corpId: platformId, userId: platformId }),
);

export const employeeEvents = [
  employeeCreatedEvent,
  employeeUpdatedEvent,
  employeeDeletedEvent,
] as const;
