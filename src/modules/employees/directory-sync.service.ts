import type { Department, Member } from '../../channels/wecom/client/directory.js';
import type { WecomClient } from '../connections/platform-clients.js';
import { newId } from '../../platform/ids.js';
import {
  listDepartmentRows,
  markDepartmentsDeleted,
  upsertDepartments,
} from './department.store.js';
import { scheduleDirectorySync } from './directory-sync.jobs.js';
import { newEmployeeRow, profileChanges, profileOfMember } from './employee.profile.js';
import {
  insertEmployees,
  listCorpEmployeeRows,
  touchEmployeesSynced,
  updateEmployee,
} from './employee.store.js';
import type { EmployeeRow } from './employee.table.js';
import type { DirectorySyncContext } from './employees.context.js';

export interface DirectorySyncCounts {
  /** Departments and members WeCom lists now. */
  departments: number;
  employees: number;
  /** Employees added, changed, and marked resigned (no longer listed) by this sync. */
  created: number;
  updated: number;
  resigned: number;
}

/** Rows written per transaction. */
const batchSize = 200;
/** Departments whose members are fetched at the same time. */
const fetchConcurrency = 4;

/**
 * Reads the workspace's WeCom directory (departments, their members, the follow-user list)
 * and brings the `department` and `employee` tables in line with it. Members no longer
 * listed become `resigned`; nothing is deleted. Idempotent: a second run changes nothing.
 * Schedules the next periodic sync when the context has a job queue.
 */
export async function syncDirectory(
  ctx: DirectorySyncContext,
  workspaceId: string,
): Promise<DirectorySyncCounts> {
  const client = await ctx.clients.requireWecom(workspaceId);
  const { departments, members, followUsers } = await readDirectory(client);
  const corpId = client.corpId;
  const now = ctx.clock.now();

  await writeDepartments(ctx, workspaceId, corpId, departments, now);

  const existing = new Map(
    (await listCorpEmployeeRows(ctx.db, workspaceId, corpId)).map((row) => [row.user_id, row]),
  );
  const counts: DirectorySyncCounts = {
    departments: departments.length,
    employees: members.length,
    created: 0,
    updated: 0,
    resigned: 0,
  };
  for (let i = 0; i < members.length; i += batchSize) {
    const batch = members.slice(i, i + batchSize);
    await ctx.db.transaction().execute(async (trx) => {
      const inserts = [];
      const seen: string[] = [];
      for (const member of batch) {
        const profile = profileOfMember(member, followUsers.has(member.userId));
        const row = existing.get(member.userId);
        if (!row) {
          inserts.push(
            newEmployeeRow({
              workspaceId,
              corpId,
              userId: member.userId,
              profile,
              secretBox: ctx.secretBox,
              changedAt: now,
              now,
            }),
          );
          continue;
        }
        seen.push(row.id);
        const changes = profileChanges(row, profile, ctx.secretBox, now);
        if (Object.keys(changes).length === 0) continue;
        await updateEmployee(trx, workspaceId, row.id, { ...changes, updated_at: now });
        counts.updated += 1;
      }
      await insertEmployees(trx, inserts);
      await touchEmployeesSynced(trx, workspaceId, seen, now);
      counts.created += inserts.length;
    });
  }

  const listed = new Set(members.map((m) => m.userId));
  const leavers = [...existing.values()].filter(
    (row) => row.status !== 'resigned' && !listed.has(row.user_id),
  );
  for (let i = 0; i < leavers.length; i += batchSize) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of leavers.slice(i, i + batchSize)) await resign(trx, workspaceId, row, now);
    });
  }
  counts.resigned = leavers.length;

  if (ctx.jobs) await scheduleDirectorySync(ctx.db, ctx.jobs, workspaceId, now);
  return counts;
}

async function resign(
  trx: DirectorySyncContext['db'],
  workspaceId: string,
  row: EmployeeRow,
  now: number,
): Promise<void> {
  await updateEmployee(trx, workspaceId, row.id, {
    status: 'resigned',
    resigned_at: now,
    customer_contact: 0,
    updated_at: now,
    synced_at: now,
  });
}

async function readDirectory(client: WecomClient): Promise<{
  departments: Department[];
  members: Member[];
  followUsers: Set<string>;
}> {
  const departments = await client.directory.departments();
  // A member of several departments is listed in each: keep one entry per user id.
  const members = new Map<string, Member>();
  for (let i = 0; i < departments.length; i += fetchConcurrency) {
    const lists = await Promise.all(
      departments.slice(i, i + fetchConcurrency).map((d) => client.directory.members(d.id)),
    );
    for (const member of lists.flat()) if (member.userId) members.set(member.userId, member);
  }
  const followUsers = new Set(await client.externalContacts.listFollowUsers());
  return { departments, members: [...members.values()], followUsers };
}

async function writeDepartments(
  ctx: DirectorySyncContext,
  workspaceId: string,
  corpId: string,
  departments: readonly Department[],
  now: number,
): Promise<void> {
  const listed = new Set(departments.map((d) => String(d.id)));
  const gone = (await listDepartmentRows(ctx.db, workspaceId, corpId))
    .filter((row) => row.deleted_at === null && !listed.has(row.department_id))
    .map((row) => row.id);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < departments.length; i += batchSize) {
      await upsertDepartments(
        trx,
        departments.slice(i, i + batchSize).map((d) => ({
          id: newId(now),
          workspace_id: workspaceId,
          corp_id: corpId,
          department_id: String(d.id),
          name: d.name,
          parent_id: d.parentId === 0 ? null : String(d.parentId),
          sort_order: d.order,
          synced_at: now,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })),
      );
    }
    await markDepartmentsDeleted(trx, workspaceId, gone, now);
  });
}
