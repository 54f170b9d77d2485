import { z } from 'zod';

/** Zod schemas shared by the control routes (they drive validation and /sandbox/openapi.json). */

export const customerParams = z.object({
  customer: z
    .string()
    .min(1)
    .describe('c1, c2, … or any unionid / openid / external_userid of the person'),
});

export const userParams = z.object({ userid: z.string().min(1) });

export const waitQuery = z.object({
  wait: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Answer only after the callbacks this action pushed are delivered or failed'),
});

export const corpBody = { corpid: z.string().optional().describe('Defaults to the only corp') };
export const appidBody = {
  appid: z.string().optional().describe('Defaults to the only Official Account'),
};

export const deliverySummary = z.object({
  id: z.string(),
  receiver: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'held', 'delivered', 'failed', 'no_receiver']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

export const deliveryRecord = z.object({
  id: z.string(),
  receiver: z.string(),
  event: z.string(),
  plaintext: z.string(),
  createdAt: z.number(),
  status: deliverySummary.shape.status,
  attempts: z.array(
    z.object({
      at: z.number(),
      durationMs: z.number(),
      status: z.number().nullable(),
      body: z.string().nullable(),
      error: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
  duplicateOf: z.string().nullable(),
  reordered: z.boolean(),
  reply: z.string().nullable(),
});

export const customerView = z.object({
  id: z.string(),
  nickname: z.string(),
  gender: z.number().int(),
  mobile: z.string().nullable(),
  avatar: z.string(),
  unionid: z.string(),
  openids: z.record(z.string(), z.string()).describe('appid → openid'),
  externalUserIds: z.record(z.string(), z.string()).describe('corpid → external_userid'),
  followsOa: z.array(z.string()).describe('appids of the Official Accounts the person follows'),
  employees: z
    .array(z.object({ corpid: z.string(), userid: z.string() }))
    .describe('whose customer the person is'),
  groups: z.array(z.object({ corpid: z.string(), chatId: z.string(), name: z.string() })),
});

export const receivedMessage = z.object({
  id: z.string(),
  at: z.number(),
  channel: z.string(),
  from: z.record(z.string(), z.string()),
  msgtype: z.string(),
  text: z.string(),
  links: z.array(z.string()),
  payload: z.record(z.string(), z.unknown()),
  ref: z.string(),
});

export const receiverView = z.object({
  key: z.string(),
  url: z.string(),
  token: z.string(),
  encodingAesKey: z.string(),
  receiveId: z.string(),
  agentId: z.string().nullable(),
});

export const ok = z.object({ ok: z.literal(true) });
