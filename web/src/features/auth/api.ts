import { api } from '../../api/client';
import type { Locale } from '../../i18n';
import type { Role } from '../workspace/permissions';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: Locale;
}

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/** What `POST /api/auth/login` and `GET /api/auth/me` return. */
export interface Session {
  user: SessionUser;
  workspaces: WorkspaceSummary[];
  csrfToken: string;
}

export const login = (email: string, password: string) =>
  api.post<Session>('/api/auth/login', { email, password }, { redirectOnUnauthenticated: false });

export const logout = () => api.post<undefined>('/api/auth/logout');

export const fetchSession = (signal?: AbortSignal) =>
  api.get<Session>('/api/auth/me', { signal, redirectOnUnauthenticated: false });

export const updateProfile = (changes: { name?: string; locale?: Locale }) =>
  api.patch<unknown>('/api/auth/me', changes);
