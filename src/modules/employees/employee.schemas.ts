import { z } from 'zod';
import { employeeStatuses } from './employee.table.js';

const timestamp = z.iso.datetime();

export const employeeSchema = z.object({
  id: z.string(),
  /** The employee's WeCom user id (what follows and messages name). */
  userId: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  status: z.enum(employeeStatuses),
  departmentIds: z.array(z.string()),
  mainDepartmentId: z.string().nullable(),
  /** Has WeCom's customer-contact permission (may add customers). */
  customerContact: z.boolean(),
  /** The console user linked to this employee, if any. */
  userAccountId: z.string().nullable(),
  /** Customers the employee currently follows (active friendships). */
  customerCount: z.number().int(),
  syncedAt: timestamp,
});

export const employeeListQuery = z.object({
  status: z.enum(employeeStatuses).optional(),
  departmentId: z.string().min(1).optional().describe('A WeCom department id'),
  q: z.string().trim().max(100).optional().describe('Part of the name or user id'),
  customerContact: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const employeePageSchema = z.object({
  items: z.array(employeeSchema),
  nextCursor: z.string().nullable(),
});

export const departmentSchema = z.object({
  departmentId: z.string(),
  name: z.string(),
  /** The parent's department id; null for the root. */
  parentId: z.string().nullable(),
  /** WeCom's order: larger first among siblings. */
  order: z.number().int(),
  /** Members who have not left (a member of several departments counts in each). */
  employeeCount: z.number().int(),
});

export const directorySyncCountsSchema = z.object({
  departments: z.number().int(),
  employees: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  resigned: z.number().int(),
});

export const employeeParams = z.object({ slug: z.string(), employeeId: z.string() });

export const linkEmployeeSchema = z.strictObject({
  userAccountId: z
    .string()
    .min(1)
    .nullable()
    .describe('A console user of the workspace, or null to unlink'),
});

export type Employee = z.infer<typeof employeeSchema>;
export type EmployeeListQuery = z.infer<typeof employeeListQuery>;
export type EmployeePage = z.infer<typeof employeePageSchema>;
export type DepartmentItem = z.infer<typeof departmentSchema>;
