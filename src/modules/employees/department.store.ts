import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { listCorpRows, updateRowsById } from './directory-rows.store.js';
import type { DepartmentRow, NewDepartmentRow } from './employee.table.js';

type Db = Kysely<Database>;

export function listDepartmentRows(
  db: Db,
  workspaceId: string,
  corpId: string,
): Promise<DepartmentRow[]> {
  return listCorpRows(db, 'department', workspaceId, corpId);
}

/** Inserts or refreshes departments by (workspace, corp, department id); revives deleted ones. */
export async function upsertDepartments(db: Db, rows: readonly NewDepartmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('department')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'corp_id', 'department_id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        parent_id: eb.ref('excluded.parent_id'),
        sort_order: eb.ref('excluded.sort_order'),
        synced_at: eb.ref('excluded.synced_at'),
        updated_at: eb.ref('excluded.updated_at'),
        deleted_at: null,
      })),
    )
    .execute();
}

/** Marks departments (by row id) WeCom no longer lists as deleted. */
export async function markDepartmentsDeleted(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  at: number,
): Promise<void> {
  await updateRowsById(db, 'department', workspaceId, ids, { deleted_at: at, updated_at: at });
}

export interface DepartmentWithCount extends DepartmentRow {
  employee_count: number;
}

/** The workspace's live departments with their non-resigned members, largest order first. */
export async function listDepartmentsWithCounts(
  db: Db,
  workspaceId: string,
): Promise<DepartmentWithCount[]> {
  const rows = await db
    .selectFrom('department as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('employee as e')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('e.workspace_id', '=', 'd.workspace_id')
        .whereRef('e.corp_id', '=', 'd.corp_id')
        .where('e.status', '!=', 'resigned')
        // department_ids is a JSON array of strings: match the quoted id.
        .where('e.department_ids', 'like', sql<string>`'%"' || d.department_id || '"%'`)
        .as('employee_count'),
    )
    .where('d.workspace_id', '=', workspaceId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.sort_order', 'desc')
    .orderBy('d.department_id')
    .execute();
  return rows.map((row) => ({ ...row, employee_count: Number(row.employee_count ?? 0) }));
}
