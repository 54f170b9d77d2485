import type { UserWorkspaceRow, MemberRow } from './membership.store.js';
import type { ApiKey, AuditEntry, Member, User, WorkspaceSummary } from './workspace.schemas.js';
import type { ApiKeyRow, AuditLogRow, UserRow } from './workspace.table.js';

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function userRowToUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, locale: row.locale };
}

export function userWorkspaceToSummary({ workspace, role }: UserWorkspaceRow): WorkspaceSummary {
  return { id: workspace.id, slug: workspace.slug, name: workspace.name, role };
}

export function memberRowToMember({ user, membership }: MemberRow): Member {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: membership.role,
    status: user.status === 'active' && membership.status === 'active' ? 'active' : 'disabled',
    lastLoginAt: isoOrNull(user.last_login_at),
    createdAt: iso(user.created_at),
    joinedAt: iso(membership.created_at),
  };
}

export function apiKeyRowToApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export function auditRowToEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    ip: row.ip,
    requestId: row.request_id,
    createdAt: iso(Number(row.created_at)),
  };
}
