import { z } from 'zod';
import { defineEvent, platformId } from './envelope.js';

/** A customer (external contact) and one employee who is, or was, their friend. */
const contactRef = {
  corpId: platformId,
  employeeUserId: platformId,
  externalUserId: platformId,
};

export const contactAddedEvent = defineEvent(
  'contact.added',
  z.object({
    ...contactRef,
    /** The `state` of the channel code or acquisition link the customer came through. */
    state: z.string().optional(),
    /** Single-use, valid about 20 seconds: send the welcome message with it at once. */
    welcomeCode: z.string().optional(),
    /** The customer added the employee, who has not yet accepted (no chat possible yet). */
    half: z.boolean(),
  }),
);

export const contactUpdatedEvent = defineEvent(
  'contact.updated',
  z.object({ ...contactRef, state: z.string().optional() }),
);

/** The customer deleted the employee. */
export const contactRemovedByCustomerEvent = defineEvent(
  'contact.removed_by_customer',
  z.object(contactRef),
);

/** The employee deleted the customer; `source: 'transfer'` when a transfer removed them. */
export const contactRemovedByEmployeeEvent = defineEvent(
  'contact.removed_by_employee',
  z.object({ ...contactRef, source: z.literal('transfer').optional() }),
);

export const contactTransferFailedEvent = defineEvent(
  'contact.transfer_failed',
  z.object({
    ...contactRef,
    failReason: z.enum(['customer_refused', 'customer_limit_exceeded', 'other']),
  }),
);

export const contactEvents = [
  contactAddedEvent,
  contactUpdatedEvent,
  contactRemovedByCustomerEvent,
  contactRemovedByEmployeeEvent,
  contactTransferFailedEvent,
] as const;
