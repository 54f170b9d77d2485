import { z } from 'zod';
import { slugParams, timestamp } from '../../workspace/workspace.schemas.js';
import { importPhases, importRunStatuses, importSources } from './import-run.table.js';

export const importCountsSchema = z.object({
  employees: z.number().int().describe('Employees synced from the WeCom directory'),
  tags: z.number().int().describe('Corp tags pulled'),
  contacts: z
    .number()
    .int()
    .describe('Customer records read from WeCom: one per (customer, employee) pair'),
  follows: z.number().int().describe('Follows (friendships) created or updated'),
  personsCreated: z.number().int(),
  merged: z.number().int().describe('Persons merged because imported identities linked them'),
  errors: z.number().int().describe('Failed attempts (retried with backoff)'),
});

export const importRunSchema = z.object({
  id: z.string(),
  source: z.enum(importSources),
  status: z.enum(importRunStatuses),
  phase: z.enum(importPhases),
  counts: importCountsSchema,
  progress: z.object({
    employeesDone: z.number().int().describe('Employees whose customers are all imported'),
    employeesTotal: z
      .number()
      .int()
      .nullable()
      .describe('Customer-contact employees; null until the contacts phase lists them'),
    fraction: z.number().min(0).max(1).describe('employeesDone / employeesTotal; 1 when done'),
    contactsPerSecond: z.number().nullable().describe('Average since the contacts phase began'),
    etaSeconds: z.number().nullable().describe('Estimated from the fraction and elapsed time'),
  }),
  lastError: z.string().nullable(),
  startedBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  finishedAt: timestamp.nullable(),
});

export type ImportRun = z.infer<typeof importRunSchema>;

export const importRunParams = slugParams.extend({ runId: z.string() });

export const listImportRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
