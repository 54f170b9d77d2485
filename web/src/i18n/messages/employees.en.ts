import type { employeesZhCN } from './employees.zhCN';

/** Settings → Employees, in English (same keys as the Chinese). */
export const employeesEn: Record<keyof typeof employeesZhCN, string> = {
  'nav.employees': 'Employees',
  'employees.intro':
    'Members of the WeCom directory. Only employees with customer-contact permission can add customers; link one to a console user so a salesperson sees their own customers.',
  'employees.syncNow': 'Sync now',
  'employees.synced':
    'Synced: {departments} departments, {employees} employees ({created} new, {updated} updated, {resigned} left)',
  'employees.departmentLabel': '{name} ({count})',
  'employees.departments': 'Departments',
  'employees.noDepartments': 'No departments yet: sync the directory first.',
  'employees.search': 'Search name or account',
  'employees.allStatuses': 'All statuses',
  'employees.status.active': 'Active',
  'employees.status.inactive': 'Not activated',
  'employees.status.disabled': 'Disabled',
  'employees.status.resigned': 'Left',
  'employees.col.name': 'Employee',
  'employees.col.position': 'Position',
  'employees.col.status': 'Status',
  'employees.col.customerContact': 'Customer contact',
  'employees.col.customerCount': 'Customers',
  'employees.col.user': 'Console user',
  'employees.col.syncedAt': 'Last synced',
  'employees.contactYes': 'Enabled',
  'employees.contactNo': 'Not enabled',
  'employees.notLinked': 'Not linked',
  'employees.linkedShort': 'Linked',
  'employees.linkUserOf': 'Console user of {name}',
  'employees.linked': 'Console user linked',
  'employees.unlinked': '{name} unlinked',
  'employees.empty': 'No employees. Connect WeCom, then click “Sync now”.',
  'employees.loadMore': 'Load more',
} satisfies Record<string, string>;
