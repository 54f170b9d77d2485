import { api, segment } from '../../api/client';
import type { Permission, Role } from '../workspace/permissions';

export type MemberStatus = 'active' | 'disabled';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: MemberStatus;
  /** ISO-8601 timestamps; `lastLoginAt` is null if the user never signed in. */
  lastLoginAt: string | null;
  /** When the account was created. */
  createdAt: string;
  /** When the user joined this workspace. */
  joinedAt: string;
}

/** A new email creates an account (password required); an existing account only joins. */
export interface NewMember {
  email: string;
  name: string;
  role: Role;
  password?: string;
}

export type MemberChanges = Partial<Pick<Member, 'name' | 'role' | 'status'>>;

export interface RoleGrant {
  role: Role;
  permissions: Permission[];
}

/** The server's rule for passwords (src/modules/workspace/password.ts). */
export const minPasswordLength = 10;

const usersPath = (slug: string) => `/api/workspaces/${segment(slug)}/users`;

export const listMembers = (slug: string, signal?: AbortSignal) =>
  api.get<{ items: Member[] }>(usersPath(slug), { signal }).then((r) => r.items);

export const createMember = (slug: string, member: NewMember) =>
  api.post<Member>(usersPath(slug), member);

export const updateMember = (slug: string, userId: string, changes: MemberChanges) =>
  api.patch<Member>(`${usersPath(slug)}/${segment(userId)}`, changes);

export const removeMember = (slug: string, userId: string) =>
  api.delete(`${usersPath(slug)}/${segment(userId)}`);

export const listRoles = (slug: string, signal?: AbortSignal) =>
  api
    .get<{ items: RoleGrant[] }>(`/api/workspaces/${segment(slug)}/roles`, { signal })
    .then((r) => r.items);
