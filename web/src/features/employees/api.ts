import { api, segment } from '../../api/client';
import type { CursorPage } from '../../api/useCursorList';

export type EmployeeStatus = 'active' | 'disabled' | 'inactive' | 'resigned';
export const employeeStatuses: EmployeeStatus[] = ['active', 'disabled', 'inactive', 'resigned'];

/** A member of the WeCom corp (src/modules/employees). */
export interface Employee {
  id: string;
  userId: string;
  name: string;
  position: string | null;
  avatarUrl: string | null;
  status: EmployeeStatus;
  /** WeCom department ids. */
  departmentIds: string[];
  mainDepartmentId: string | null;
  /** Has WeCom's customer-contact permission (may add customers). */
  customerContact: boolean;
  /** The console user this employee is; null when not linked. */
  userAccountId: string | null;
  customerCount: number;
  syncedAt: string;
}

/** A department of the corp's directory; `departmentId` and `parentId` are WeCom's ids. */
export interface Department {
  departmentId: string;
  name: string;
  parentId: string | null;
  /** WeCom's order: larger first among siblings. */
  order: number;
  /** Members who have not left. */
  employeeCount: number;
}

/** What a directory sync found. */
export interface SyncCounts {
  departments: number;
  employees: number;
  created: number;
  updated: number;
  resigned: number;
}

export interface EmployeeFilter {
  status?: EmployeeStatus | undefined;
  departmentId?: string | undefined;
  q?: string | undefined;
}

const base = (slug: string) => `/api/workspaces/${segment(slug)}`;

export function listEmployees(
  slug: string,
  filter: EmployeeFilter & { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.departmentId) params.set('departmentId', filter.departmentId);
  if (filter.q) params.set('q', filter.q);
  if (filter.cursor) params.set('cursor', filter.cursor);
  if (filter.limit) params.set('limit', String(filter.limit));
  return api.get<CursorPage<Employee>>(`${base(slug)}/employees?${params}`, { signal });
}

export const listDepartments = (slug: string, signal?: AbortSignal) =>
  api.get<{ items: Department[] }>(`${base(slug)}/departments`, { signal }).then((r) => r.items);

export const syncEmployees = (slug: string) => api.post<SyncCounts>(`${base(slug)}/employees/sync`);

export const linkEmployee = (slug: string, employeeId: string, userAccountId: string | null) =>
  api.patch<Employee>(`${base(slug)}/employees/${segment(employeeId)}`, { userAccountId });
