import { z } from 'zod';
import { apiKeyRoles, permissions, roles } from './permissions.js';
import { minPasswordLength } from './password.js';

/** The API contract of the workspace module (camelCase JSON, ISO-8601 timestamps). */

export const timestamp = z.iso.datetime();
export const localeSchema = z.enum(['zh-CN', 'en']);
export const roleSchema = z.enum(roles);
export const apiKeyRoleSchema = z.enum(apiKeyRoles);
export const permissionSchema = z.enum(permissions);
export const statusSchema = z.enum(['active', 'disabled']);
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,38}$/,
    '2 to 39 lowercase letters, digits or hyphens, not starting with a hyphen',
  );
export const emailSchema = z.email().max(254);
export const passwordSchema = z
  .string()
  .min(minPasswordLength, `at least ${minPasswordLength} characters`)
  .max(200);
export const nameSchema = z.string().trim().min(1).max(100);

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
});

export const workspaceSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: roleSchema,
});

export const sessionInfoSchema = z.object({
  user: userSchema,
  workspaces: z.array(workspaceSummarySchema),
  csrfToken: z.string(),
});

export const workspaceDetailSchema = workspaceSummarySchema.extend({
  permissions: z.array(permissionSchema),
});

export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Disabled when either the account or the membership in this workspace is disabled. */
  status: statusSchema,
  lastLoginAt: timestamp.nullable(),
  /** When the account was created. */
  createdAt: timestamp,
  /** When the user joined this workspace. */
  joinedAt: timestamp,
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

export const createdApiKeySchema = apiKeySchema.extend({
  /** The whole key, shown once: `siyu_<prefix>_<secret>`. */
  key: z.string(),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: timestamp,
});

export const slugParams = z.object({ slug: z.string() });

export type User = z.infer<typeof userSchema>;
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type Member = z.infer<typeof memberSchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Error responses for a route's OpenAPI description: `...errorResponses(401, 404)`. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema])) as Record<S, typeof errorSchema>;
}

export const noContent = z.undefined().describe('No content');
