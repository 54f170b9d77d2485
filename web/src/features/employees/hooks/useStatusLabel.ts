import { useT } from '../../../i18n';
import type { EmployeeStatus } from '../api';

export function useEmployeeStatusLabel(): (status: EmployeeStatus) => string {
  const t = useT();
  return (status) => t(`employees.status.${status}`);
}
