import { z } from 'zod';
import { connectionStatuses, encryptModes } from './connection.table.js';

/**
 * The API contract of connections. Credentials go in, never out: responses say whether a
 * secret is set and show its last characters only.
 */

export const corpIdSchema = z
  .string()
  .trim()
  .regex(
    /^w[wx][0-9A-Za-z]{16}$/,
    'a corp ID is "ww" and 16 letters or digits (older corps: "wx…"); find it under 我的企业 → 企业信息 → 企业ID',
  );
export const appIdSchema = z
  .string()
  .trim()
  .regex(
    /^wx[0-9A-Za-z]{16}$/,
    'an AppID is "wx" and 16 letters or digits; find it under 设置与开发 → 基本配置 (Official Account) or 开发管理 → 开发设置 (Mini Program)',
  );
export const secretSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_-]{16,128}$/, 'a secret is 16 to 128 letters, digits, "-" or "_"');
export const callbackTokenSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{3,32}$/, 'the callback Token is 3 to 32 letters or digits');
export const aesKeySchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{43}$/, 'the EncodingAESKey is exactly 43 letters or digits');
export const agentIdSchema = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .describe('The self-built app’s AgentId (应用管理 → 自建应用)');
export const apiBaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .max(500)
  .transform((url) => url.replace(/\/+$/, ''));
export const displayNameSchema = z.string().trim().min(1).max(100);
export const connectionStatusSchema = z.enum(connectionStatuses);

const common = {
  displayName: displayNameSchema.optional(),
  secret: secretSchema,
  apiBaseUrl: apiBaseUrlSchema
    .optional()
    .describe('The platform API base URL; default the real platform (a sandbox URL in demos)'),
};

export const createWecomSchema = z.strictObject({
  kind: z.literal('wecom'),
  corpId: corpIdSchema,
  agentId: agentIdSchema.optional(),
  ...common,
  token: callbackTokenSchema,
  aesKey: aesKeySchema,
});

export const createOaSchema = z.strictObject({
  kind: z.literal('oa'),
  appId: appIdSchema,
  ...common,
  token: callbackTokenSchema,
  aesKey: aesKeySchema.optional().describe('Set for safe mode (安全模式); omit for plaintext mode'),
});

export const createMiniProgramSchema = z.strictObject({
  kind: z.literal('miniprogram'),
  appId: appIdSchema,
  ...common,
});

export const createConnectionSchema = z.discriminatedUnion('kind', [
  createWecomSchema,
  createOaSchema,
  createMiniProgramSchema,
]);

/** Only what is sent changes; credentials sent are rotated. */
export const updateConnectionSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  secret: secretSchema.optional(),
  token: callbackTokenSchema.optional(),
  aesKey: aesKeySchema
    .nullable()
    .optional()
    .describe('Official Account: null switches to plaintext mode'),
  agentId: agentIdSchema.nullable().optional(),
  apiBaseUrl: apiBaseUrlSchema.optional(),
  status: connectionStatusSchema.optional(),
});

const timestamp = z.iso.datetime();

export const callbackUrlWarningSchema = z.object({
  code: z.enum(['not_https', 'local_address']),
  message: z.string(),
});

export const connectionSchema = z.object({
  id: z.string(),
  kind: z.enum(['wecom', 'oa', 'miniprogram']),
  /** WeCom: the corp ID; Official Account and Mini Program: the AppID. */
  appId: z.string().describe('WeCom: the corp ID (ww…); Official Account / Mini Program: AppID'),
  agentId: z.number().nullable(),
  displayName: z.string(),
  encryptMode: z.enum(encryptModes).nullable(),
  apiBaseUrl: z.string(),
  status: connectionStatusSchema,
  hasSecret: z.boolean(),
  /** The secret masked but for its last 4 characters, to tell which one is set. */
  secretMasked: z.string(),
  hasToken: z.boolean(),
  hasAesKey: z.boolean(),
  callbackUrl: z
    .string()
    .nullable()
    .describe(
      'Paste into the WeCom / WeChat admin. Stable: it depends only on the public URL, the workspace slug and the AppID. Null for Mini Programs.',
    ),
  callbackUrlWarning: callbackUrlWarningSchema.nullable(),
  callbackVerifiedAt: timestamp.nullable(),
  lastCallbackAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const connectionParams = z.object({ slug: z.string(), id: z.string() });

export type CreateConnectionInput = z.infer<typeof createConnectionSchema>;
export type UpdateConnectionInput = z.infer<typeof updateConnectionSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type CallbackUrlWarning = z.infer<typeof callbackUrlWarningSchema>;
