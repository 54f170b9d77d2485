import { z } from 'zod';
import { notSandboxReasons } from './sandbox-mode.js';

/**
 * The console's view of the sandbox control API. Responses are the sandbox's own, passed
 * through (`loose`: fields the sandbox adds later reach the console too).
 */

const callbackRoutingSchema = z
  .enum(['here', 'elsewhere', 'none'])
  .describe(
    'here: the sandbox pushes these callbacks to this workspace; elsewhere: to another URL',
  );

export const sandboxModeSchema = z.discriminatedUnion('enabled', [
  z.object({
    enabled: z.literal(true),
    baseUrl: z.string().describe('The sandbox the WeCom connection points at'),
    corpId: z.string(),
    corpName: z.string(),
    officialAccountAppId: z
      .string()
      .nullable()
      .describe('The Official Account connected through the same sandbox'),
    callbacks: z.object({ wecom: callbackRoutingSchema, oa: callbackRoutingSchema.nullable() }),
  }),
  z.object({
    enabled: z.literal(false),
    reason: z.enum(notSandboxReasons),
    message: z.string(),
  }),
]);

export const receiverResultsSchema = z.object({
  receivers: z.array(
    z.object({
      key: z.string().describe('wecom:<corp ID> or oa:<AppID>'),
      url: z.string(),
      ok: z.boolean(),
      error: z.string().nullable(),
    }),
  ),
});

export const customerParams = z.object({
  slug: z.string(),
  customer: z
    .string()
    .min(1)
    .max(128)
    .describe('c1, c2, … or a unionid / openid / external_userid'),
});
export const employeeParams = z.object({ slug: z.string(), userid: z.string().min(1).max(64) });

export const deliverySummarySchema = z
  .object({
    id: z.string(),
    receiver: z.string(),
    event: z.string(),
    status: z.string().describe('pending, held, delivered, failed or no_receiver'),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .loose();

export const actionResultSchema = z
  .object({ deliveries: z.array(deliverySummarySchema).optional() })
  .loose()
  .describe('What the sandbox did, and the callbacks it pushed (awaited)');

export const sandboxCustomerSchema = z
  .object({
    id: z.string(),
    nickname: z.string(),
    gender: z.number().int(),
    mobile: z.string().nullable(),
    avatar: z.string(),
    unionid: z.string(),
    openids: z.record(z.string(), z.string()),
    externalUserIds: z.record(z.string(), z.string()),
    followsOa: z.array(z.string()),
    employees: z.array(z.object({ corpid: z.string(), userid: z.string() })),
    groups: z.array(z.object({ corpid: z.string(), chatId: z.string(), name: z.string() })),
  })
  .loose();

export const sandboxEmployeeSchema = z
  .object({
    userid: z.string(),
    name: z.string(),
    position: z.string(),
    status: z.number().int(),
    customerContact: z.boolean(),
    customers: z.number().int(),
  })
  .loose();

export const receivedMessageSchema = z
  .object({
    id: z.string(),
    at: z.number().describe('epoch ms'),
    channel: z.string(),
    from: z.record(z.string(), z.string()),
    msgtype: z.string(),
    text: z.string(),
    links: z.array(z.string()),
  })
  .loose();

export const listQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const messagesQuery = z.object({
  channel: z.string().max(32).optional(),
  since: z.coerce.number().int().optional().describe('epoch ms'),
});

export const newCustomerSchema = z.preprocess(
  (v) => v ?? {},
  z.strictObject({
    nickname: z.string().trim().min(1).max(64).optional(),
    gender: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    mobile: z
      .string()
      .regex(/^\+?\d{5,20}$/)
      .optional(),
  }),
);

export const customerListSchema = z.object({
  total: z.number().int(),
  customers: z.array(sandboxCustomerSchema),
});
export const employeeListSchema = z.object({
  corpid: z.string(),
  employees: z.array(sandboxEmployeeSchema),
});
export const messageListSchema = z.object({ messages: z.array(receivedMessageSchema) });
