import { z } from 'zod';
import { slugParams } from '../workspace/workspace.schemas.js';
import { lossAlertStatuses } from './relations.table.js';

/** 流失提醒: a customer deleted an employee. */
export const lossAlertSchema = z.object({
  id: z.string(),
  personId: z.string(),
  /** The customer's name, or the employee's remark for them; null if neither is known. */
  personName: z.string().nullable(),
  employeeUserId: z.string(),
  /** The employee's name from the directory; null for an employee it does not know (yet). */
  employeeName: z.string().nullable(),
  corpId: z.string(),
  occurredAt: z.iso.datetime(),
  status: z.enum(lossAlertStatuses),
  handledAt: z.iso.datetime().nullable(),
  /** Who marked it handled (the console user's email or the API key's name). */
  handledBy: z.string().nullable(),
});
export type LossAlert = z.infer<typeof lossAlertSchema>;

export const listLossAlertsQuery = z.object({
  status: z.enum(lossAlertStatuses).optional(),
  employeeUserId: z.string().min(1).optional(),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListLossAlertsQuery = z.infer<typeof listLossAlertsQuery>;

export const lossAlertPageSchema = z.object({
  items: z.array(lossAlertSchema),
  nextCursor: z.string().nullable(),
});

export const lossAlertParams = slugParams.extend({ alertId: z.string() });
