import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { listCorpRows, updateRowsById } from './directory-rows.store.js';
import type {
  EmployeeRow,
  EmployeeStatus,
  EmployeeUpdate,
  NewEmployeeRow,
} from './employee.table.js';

type Db = Kysely<Database>;

/** The workspace's employees, to narrow down. */
const employeesOf = (db: Db, workspaceId: string) =>
  db.selectFrom('employee').where('workspace_id', '=', workspaceId);
type EmployeeQuery = ReturnType<typeof employeesOf>;

/** The user ids of the workspace's employees that `narrow` keeps, in order. */
async function userIdsOf(
  db: Db,
  workspaceId: string,
  narrow: (employees: EmployeeQuery) => EmployeeQuery,
): Promise<string[]> {
  const rows = await narrow(employeesOf(db, workspaceId))
    .select('user_id')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Every employee of the corp (resigned included), for a sync to compare against. */
export function listCorpEmployeeRows(
  db: Db,
  workspaceId: string,
  corpId: string,
): Promise<EmployeeRow[]> {
  return listCorpRows(db, 'employee', workspaceId, corpId);
}

export function findEmployeeByUserId(
  db: Db,
  workspaceId: string,
  corpId: string,
  userId: string,
): Promise<EmployeeRow | undefined> {
  return employeesOf(db, workspaceId)
    .selectAll()
    .where('corp_id', '=', corpId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function findEmployeeById(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<EmployeeRow | undefined> {
  return employeesOf(db, workspaceId).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEmployees(db: Db, rows: readonly NewEmployeeRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('employee')
      .values([...rows])
      .execute();
}

export async function updateEmployee(
  db: Db,
  workspaceId: string,
  id: string,
  changes: EmployeeUpdate,
): Promise<void> {
  await db
    .updateTable('employee')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Sets `synced_at` on the employees a sync saw (by row id). */
export async function touchEmployeesSynced(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  at: number,
): Promise<void> {
  await updateRowsById(db, 'employee', workspaceId, ids, { synced_at: at });
}

export interface EmployeeFilter {
  status?: EmployeeStatus | undefined;
  departmentId?: string | undefined;
  /** Part of the name or user id, case-insensitive. */
  q?: string | undefined;
  customerContact?: boolean | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the workspace's employees, ordered by (name, id). */
export function listEmployeeRows(
  db: Db,
  workspaceId: string,
  filter: EmployeeFilter,
): Promise<EmployeeRow[]> {
  let query = employeesOf(db, workspaceId).selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.customerContact !== undefined)
    query = query.where('customer_contact', '=', filter.customerContact ? 1 : 0);
  if (filter.departmentId !== undefined)
    query = query.where(
      sql<boolean>`department_ids like ${likePattern(JSON.stringify(filter.departmentId))} escape '\\'`,
    );
  if (filter.q) {
    const pattern = likePattern(filter.q.toLowerCase());
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(name)`, 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql<string>`lower(user_id)`, 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const after = filter.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('name', '>', after.name),
        eb.and([eb('name', '=', after.name), eb('id', '>', after.id)]),
      ]),
    );
  return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
}

/** The user ids of the employees linked to a console user (any corp, resigned included). */
export function employeeUserIdsOfAccount(
  db: Db,
  workspaceId: string,
  userAccountId: string,
): Promise<string[]> {
  return userIdsOf(db, workspaceId, (employees) =>
    employees.where('user_account_id', '=', userAccountId),
  );
}

/** Names of the employees with these user ids (unknown ids are left out). */
export async function employeeNames(
  db: Db,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await employeesOf(db, workspaceId)
      .select(['user_id', 'name'])
      .where('user_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const row of rows) names.set(row.user_id, row.name);
  }
  return names;
}

/** User ids of the employees who may add customers (customer-contact permission, not resigned). */
export function listCustomerContactUserIds(db: Db, workspaceId: string): Promise<string[]> {
  return userIdsOf(db, workspaceId, (employees) =>
    employees.where('customer_contact', '=', 1).where('status', '!=', 'resigned'),
  );
}
