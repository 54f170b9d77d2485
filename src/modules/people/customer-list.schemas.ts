import { z } from 'zod';
import { followStatuses } from './relations.table.js';

const timestamp = z.iso.datetime();
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
/** Epoch ms in a query string: digits only (an empty `?addedTo=` is a 400, not 0). */
const epochMsParam = z
  .string()
  .trim()
  .regex(/^\d{1,16}$/, 'expected epoch milliseconds')
  .transform(Number)
  .pipe(epochMs);
const idList = z.array(z.string().min(1).max(100)).max(100);
const ids = idList.readonly();

export const attributeOps = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'in',
  'set',
  'unset',
] as const;
export type AttributeOp = (typeof attributeOps)[number];

export const attributeConditionSchema = z.strictObject({
  key: z.string().min(1).max(64),
  op: z.enum(attributeOps),
  value: z
    .union([
      z.string().max(2000),
      z.number(),
      z.boolean(),
      z
        .array(z.union([z.string().max(2000), z.number()]))
        .min(1)
        .max(100),
    ])
    .optional()
    .describe(
      'Typed like the attribute (dates as YYYY-MM-DD); an array for `in`; none for set/unset. `neq` also matches customers without the attribute.',
    ),
});

export const customerSortFields = ['addedAt', 'createdAt', 'name', 'updatedAt'] as const;
export type CustomerSortField = (typeof customerSortFields)[number];

export const customerSortSchema = z.strictObject({
  field: z.enum(customerSortFields),
  order: z.enum(['asc', 'desc']),
});
export type CustomerSort = z.infer<typeof customerSortSchema>;

/** Which customers: every condition must hold. */
export const customerFilterSchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Part of the name or of a follow remark, or a whole phone number'),
  tags: z
    .strictObject({
      all: ids.optional().describe('Has every one of these tags'),
      any: ids.optional().describe('Has at least one of these tags'),
      none: ids.optional().describe('Has none of these tags'),
    })
    .optional(),
  employees: ids
    .optional()
    .describe('Followed (active friendship) by one of these employees (WeCom user ids)'),
  states: ids.optional().describe('Came through one of these channel code states'),
  addedFrom: epochMs.optional().describe('First added by an employee at or after (epoch ms)'),
  addedTo: epochMs.optional().describe('… and before (epoch ms, exclusive)'),
  followsOa: z.boolean().optional().describe('Subscribed to an Official Account (or not)'),
  attributes: z.array(attributeConditionSchema).max(20).optional(),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

export const customerSearchSchema = customerFilterSchema.extend({
  sort: customerSortSchema.optional().describe('Default: addedAt desc; empty values last'),
  cursor: z.string().max(1000).optional().describe('nextCursor of the previous page'),
  limit: z.number().int().min(1).max(200).default(50),
});
export type CustomerSearch = z.input<typeof customerSearchSchema>;

const commaList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  )
  .pipe(idList)
  .optional();

/** `GET /customers`: the simple filters as query parameters (lists comma-separated). */
export const customerListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  tagsAll: commaList,
  tagsAny: commaList,
  tagsNone: commaList,
  employees: commaList,
  states: commaList,
  addedFrom: epochMsParam.optional(),
  addedTo: epochMsParam.optional(),
  followsOa: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(customerSortFields).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const customerListItemSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  tags: z.array(z.object({ id: z.string(), name: z.string(), groupId: z.string() })),
  followers: z.array(
    z.object({
      employeeUserId: z.string(),
      remark: z.string().nullable(),
      state: z.string().nullable(),
      addedAt: timestamp,
      status: z.enum(followStatuses),
    }),
  ),
  followsOa: z.boolean(),
  addedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Masked unless the caller has customers.pii. */
  phone: z.string().nullable(),
});
export type CustomerListItem = z.infer<typeof customerListItemSchema>;

export const customerPageSchema = z.object({
  items: z.array(customerListItemSchema),
  nextCursor: z.string().nullable(),
});
export type CustomerPage = z.infer<typeof customerPageSchema>;

export const customerCountSchema = z.object({ count: z.number() });
