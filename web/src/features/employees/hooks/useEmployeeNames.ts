import { useMemo } from 'react';
import { useResource } from '../../../api/useResource';
import { listEmployees } from '../api';

/** How many employees the name lookup loads (menus of employees, names in lists). */
const lookupLimit = 200;

/**
 * The workspace's employees by WeCom user id, for filters and for showing names where the
 * server gives only the user id. Empty while loading or when the user may not list them.
 */
export function useEmployeeNames(slug: string) {
  const employees = useResource(
    (signal) => listEmployees(slug, { limit: lookupLimit }, signal).catch(() => null),
    [slug],
  );
  return useMemo(() => {
    const names = new Map((employees.data?.items ?? []).map((e) => [e.userId, e.name]));
    return {
      name: (userId: string) => names.get(userId) ?? userId,
      options: [...names].map(([value, label]) => ({ value, label: `${label} (${value})` })),
    };
  }, [employees.data]);
}
