import type { Insertable, Selectable } from 'kysely';
import type { Role } from './permissions.js';

export type UserStatus = 'active' | 'disabled';
export type Locale = 'zh-CN' | 'en';
export type ActorType = 'user' | 'api_key' | 'system';

export interface WorkspaceTable {
  id: string;
  slug: string;
  name: string;
  created_at: number;
  updated_at: number;
}

/** Console users. Named `user_account` because `user` is a reserved word in PostgreSQL. */
export interface UserAccountTable {
  id: string;
  /** Always stored trimmed and lowercase. */
  email: string;
  name: string;
  /** `scrypt$…` string from password.ts; never leaves the module. */
  password_hash: string;
  locale: Locale;
  status: UserStatus;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

/** A user's role in one workspace; disabling a membership blocks only that workspace. */
export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  status: UserStatus;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The public part of the key (`siyu_<prefix>_…`), unique, used to find the row. */
  prefix: string;
  /** sha256 (hex) of the whole key. */
  key_hash: string;
  role: Role;
  /** Id of the user or API key that created it. */
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Failed logins, kept for the throttling window. */
export interface LoginAttemptTable {
  id: string;
  email: string;
  ip: string;
  created_at: number;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string;
  actor_type: ActorType;
  actor_id: string | null;
  /** The actor's email or key name when the entry was written, so it survives deletions. */
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
  ip: string | null;
  request_id: string | null;
  created_at: number;
}

/** Tables owned by the workspace module. */
export interface WorkspaceTables {
  workspace: WorkspaceTable;
  user_account: UserAccountTable;
  membership: MembershipTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type UserRow = Selectable<UserAccountTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
