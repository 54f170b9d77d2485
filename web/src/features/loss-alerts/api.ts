import { api, segment } from '../../api/client';
import type { CursorPage } from '../../api/useCursorList';

export type LossAlertStatus = 'open' | 'handled';

/** 流失提醒: a customer deleted an employee (src/modules/people/loss-alert.*). */
export interface LossAlert {
  id: string;
  personId: string;
  personName: string | null;
  employeeUserId: string;
  /** The employee's name from the directory; null when it does not know them. */
  employeeName: string | null;
  corpId: string;
  /** ISO-8601: when the customer deleted the employee. */
  occurredAt: string;
  status: LossAlertStatus;
  handledAt: string | null;
  handledBy: string | null;
}

export interface LossAlertFilter {
  status: LossAlertStatus;
  employeeUserId?: string | undefined;
}

const alertsPath = (slug: string) => `/api/workspaces/${segment(slug)}/loss-alerts`;

export function listLossAlerts(
  slug: string,
  filter: LossAlertFilter & { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ status: filter.status });
  if (filter.employeeUserId) params.set('employeeUserId', filter.employeeUserId);
  if (filter.cursor) params.set('cursor', filter.cursor);
  if (filter.limit) params.set('limit', String(filter.limit));
  return api.get<CursorPage<LossAlert>>(`${alertsPath(slug)}?${params}`, { signal });
}

export const handleLossAlert = (slug: string, alertId: string) =>
  api.post<LossAlert>(`${alertsPath(slug)}/${segment(alertId)}/handle`);
