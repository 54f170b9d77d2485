import { api, segment } from '../../api/client';
import type { Permission, Role } from './permissions';

export interface WorkspaceDetail {
  id: string;
  slug: string;
  name: string;
  role: Role;
  /** What the signed-in user may do here; the console hides what they may not. */
  permissions: Permission[];
}

export const fetchWorkspace = (slug: string, signal?: AbortSignal) =>
  api.get<WorkspaceDetail>(`/api/workspaces/${segment(slug)}`, { signal });
