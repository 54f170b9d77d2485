import type { DepartmentWithCount } from './department.store.js';
import type { DepartmentItem, Employee } from './employee.schemas.js';
import type { EmployeeRow } from './employee.table.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function employeeRowToEmployee(row: EmployeeRow, customerCount: number): Employee {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    position: row.position,
    avatarUrl: row.avatar_url,
    status: row.status,
    departmentIds: JSON.parse(row.department_ids) as string[],
    mainDepartmentId: row.main_department_id,
    customerContact: row.customer_contact === 1,
    userAccountId: row.user_account_id,
    customerCount,
    syncedAt: iso(row.synced_at),
  };
}

export function departmentRowToDepartment(row: DepartmentWithCount): DepartmentItem {
  return {
    departmentId: row.department_id,
    name: row.name,
    parentId: row.parent_id,
    order: row.sort_order,
    employeeCount: row.employee_count,
  };
}
