import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { EventBus, PublishedEvent } from '../../platform/event-bus/event-bus.js';
import { subscribeDepartmentEvents } from './department.subscribers.js';
import { newEmployeeRow, profileChanges, type EmployeeProfile } from './employee.profile.js';
import { findEmployeeByUserId, insertEmployees, updateEmployee } from './employee.store.js';
import type { EmployeeRow } from './employee.table.js';
import type { EmployeesContext } from './employees.context.js';

type EmployeeEvent = PublishedEvent<
  Extract<DomainEvent, { type: 'employee.created' | 'employee.updated' | 'employee.deleted' }>
>;

/**
 * Is the event older than the row's last change? Platform times have second precision, so an
 * event in the same second as the last change still applies (re-applying it changes nothing).
 */
export const isStale = (occurredAt: number, updatedAt: number) =>
  occurredAt < Math.floor(updatedAt / 1000) * 1000;

/**
 * Keeps the employee table current from the directory callbacks (create/update/delete_user),
 * and the department table (create/update/delete_party, `department.subscribers.ts`).
 */
export function subscribeEmployeeEvents(bus: EventBus<DomainEvent>, ctx: EmployeesContext): void {
  bus.subscribe(
    ['employee.created', 'employee.updated', 'employee.deleted'],
    'employees.directory',
    (event) => applyEmployeeEvent(ctx, event),
  );
  subscribeDepartmentEvents(bus, ctx);
}

/**
 * Applies one directory event. Idempotent, and tolerant of duplicates and disorder: an event
 * older than the row's last change is ignored; a delete of an unknown employee leaves a
 * resigned row, so a late create does not bring them back.
 */
export async function applyEmployeeEvent(
  ctx: Pick<EmployeesContext, 'db' | 'clock' | 'secretBox'>,
  event: EmployeeEvent,
): Promise<void> {
  const { workspaceId, occurredAt } = event;
  const { corpId } = event.data;
  await ctx.db.transaction().execute(async (trx) => {
    let userId = event.data.userId;
    let row = await findEmployeeByUserId(trx, workspaceId, corpId, userId);
    if (row && isStale(occurredAt, row.updated_at)) return;
    let profile: EmployeeProfile;
    switch (event.type) {
      case 'employee.created':
        profile = { ...profileOfEvent(event.data), status: event.data.status ?? 'active' };
        break;
      case 'employee.updated': {
        profile = profileOfEvent(event.data);
        const newUserId = event.data.newUserId;
        if (row && newUserId && newUserId !== userId) {
          row = await renameEmployee(trx, row, newUserId, occurredAt);
          userId = newUserId;
        } else if (!row && newUserId) userId = newUserId;
        break;
      }
      case 'employee.deleted':
        profile = { status: 'resigned', customerContact: false };
        break;
    }
    row ??= await findEmployeeByUserId(trx, workspaceId, corpId, userId);
    if (!row) {
      await insertEmployees(trx, [
        newEmployeeRow({
          workspaceId,
          corpId,
          userId,
          profile,
          secretBox: ctx.secretBox,
          changedAt: occurredAt,
          now: ctx.clock.now(),
        }),
      ]);
      return;
    }
    if (isStale(occurredAt, row.updated_at)) return;
    const changes = profileChanges(row, profile, ctx.secretBox, occurredAt);
    await updateEmployee(trx, workspaceId, row.id, {
      ...changes,
      updated_at: Math.max(row.updated_at, occurredAt),
    });
  });
}

/**
 * The employee's user id changed. When a row with the new id exists already (a sync saw it
 * first), that row carries on: it takes over the console-user link and the old row is resigned.
 */
async function renameEmployee(
  trx: Kysely<Database>,
  row: EmployeeRow,
  newUserId: string,
  at: number,
): Promise<EmployeeRow> {
  const target = await findEmployeeByUserId(trx, row.workspace_id, row.corp_id, newUserId);
  if (!target) {
    await updateEmployee(trx, row.workspace_id, row.id, { user_id: newUserId });
    return { ...row, user_id: newUserId };
  }
  const link = target.user_account_id ?? row.user_account_id;
  await updateEmployee(trx, row.workspace_id, row.id, {
    status: 'resigned',
    resigned_at: at,
    customer_contact: 0,
    user_account_id: null,
    updated_at: Math.max(row.updated_at, at),
  });
  await updateEmployee(trx, row.workspace_id, target.id, { user_account_id: link });
  return { ...target, user_account_id: link };
}

function profileOfEvent(data: {
  name?: string | undefined;
  position?: string | undefined;
  avatarUrl?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  gender?: 'male' | 'female' | 'unknown' | undefined;
  mainDepartmentId?: string | undefined;
  departmentIds?: string[] | undefined;
  status?: EmployeeProfile['status'];
}): EmployeeProfile {
  return {
    name: data.name,
    position: data.position,
    avatarUrl: data.avatarUrl,
    mobile: data.mobile,
    email: data.email,
    gender: data.gender,
    mainDepartmentId: data.mainDepartmentId,
    departmentIds: data.departmentIds,
    status: data.status,
  };
}
