import { AppError } from '../../platform/http/errors.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { findMember } from '../workspace/membership.store.js';
import { listDepartmentsWithCounts } from './department.store.js';
import { syncDirectory, type DirectorySyncCounts } from './directory-sync.service.js';
import { decodeNameCursor, encodeNameCursor } from './employee-cursor.js';
import { departmentRowToDepartment, employeeRowToEmployee } from './employee.mapping.js';
import type {
  DepartmentItem,
  Employee,
  EmployeeListQuery,
  EmployeePage,
} from './employee.schemas.js';
import { findEmployeeById, listEmployeeRows, updateEmployee } from './employee.store.js';
import type { EmployeeRow } from './employee.table.js';
import type { EmployeesContext } from './employees.context.js';
import { countActiveFollows, followCountKey } from './follow-counts.js';

async function withCustomerCounts(
  ctx: EmployeesContext,
  workspaceId: string,
  rows: EmployeeRow[],
): Promise<Employee[]> {
  const counts = await countActiveFollows(
    ctx.db,
    workspaceId,
    rows.map((r) => r.user_id),
  );
  return rows.map((row) =>
    employeeRowToEmployee(row, counts.get(followCountKey(row.corp_id, row.user_id)) ?? 0),
  );
}

/** A page of the workspace's employees by name, with their customer counts. */
export async function listEmployees(
  ctx: EmployeesContext,
  workspaceId: string,
  query: EmployeeListQuery,
): Promise<EmployeePage> {
  const rows = await listEmployeeRows(ctx.db, workspaceId, {
    status: query.status,
    departmentId: query.departmentId,
    q: query.q,
    customerContact: query.customerContact,
    after: decodeNameCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await withCustomerCounts(ctx, workspaceId, page),
    nextCursor: rows.length > query.limit && last ? encodeNameCursor(last) : null,
  };
}

export async function listDepartments(
  ctx: EmployeesContext,
  workspaceId: string,
): Promise<DepartmentItem[]> {
  return (await listDepartmentsWithCounts(ctx.db, workspaceId)).map(departmentRowToDepartment);
}

/** Links a console user of the workspace to the employee (null unlinks); audited. */
export async function linkEmployeeAccount(
  ctx: EmployeesContext,
  acting: Acting,
  employeeId: string,
  userAccountId: string | null,
): Promise<Employee> {
  const ws = acting.workspaceId;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const employee = await findEmployeeById(trx, ws, employeeId);
    if (!employee) throw new AppError('not_found', 'Employee not found');
    if (userAccountId !== null && !(await findMember(trx, ws, userAccountId))) {
      throw new AppError('validation_failed', 'The request is not valid', [
        { path: 'body/userAccountId', message: 'not a user of this workspace' },
      ]);
    }
    if (employee.user_account_id === userAccountId) return employee;
    await updateEmployee(trx, ws, employee.id, { user_account_id: userAccountId });
    await recordAudit(trx, {
      workspaceId: ws,
      actor: acting.actor,
      action: 'employee.link',
      entityType: 'employee',
      entityId: employee.id,
      before: { userId: employee.user_id, userAccountId: employee.user_account_id },
      after: { userId: employee.user_id, userAccountId },
      request: acting.request,
      at: ctx.clock.now(),
    });
    return { ...employee, user_account_id: userAccountId };
  });
  const [employee] = await withCustomerCounts(ctx, ws, [row]);
  return employee!;
}

/** A sync asked for by a console user or API key: runs it and writes the counts to the audit log. */
export async function syncDirectoryAs(
  ctx: EmployeesContext,
  acting: Acting,
): Promise<DirectorySyncCounts> {
  const counts = await syncDirectory(ctx, acting.workspaceId);
  await recordAudit(ctx.db, {
    workspaceId: acting.workspaceId,
    actor: acting.actor,
    action: 'employees.sync',
    entityType: 'employee',
    entityId: null,
    after: counts,
    request: acting.request,
    at: ctx.clock.now(),
  });
  return counts;
}
