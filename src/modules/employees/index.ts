/** The employees module's public surface for other modules. */
export { syncDirectory, type DirectorySyncCounts } from './directory-sync.service.js';
export {
  employeeNames,
  employeeUserIdsOfAccount,
  listCustomerContactUserIds,
} from './employee.store.js';
export type { EmployeeStatus } from './employee.table.js';
export type { DirectorySyncContext, EmployeesContext } from './employees.context.js';
export type { DepartmentItem, Employee } from './employee.schemas.js';
