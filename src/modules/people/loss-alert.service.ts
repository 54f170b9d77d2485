import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { auditActor } from './acting.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { enqueueLossAlertNotice } from './loss-alert.jobs.js';
import type { ListLossAlertsQuery, LossAlert } from './loss-alert.schemas.js';
import {
  findLossAlert,
  insertLossAlert,
  listLossAlerts,
  updateLossAlert,
  type LossAlertListRow,
} from './loss-alert.store.js';
import { customerScopeOf } from './customer-scope.js';
import { employeeNames } from '../employees/index.js';
import type { PeopleContext } from './people.context.js';
import type { FollowRow } from './relations.table.js';
import { iso } from './tag.mapping.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

const lossAlertNotFound = () => new AppError('not_found', 'Loss alert not found');

/** `names`: employee names by user id (an employee the directory does not know has none). */
export function lossAlertRowToLossAlert(
  row: LossAlertListRow,
  names: ReadonlyMap<string, string>,
): LossAlert {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    employeeUserId: row.employee_user_id,
    employeeName: names.get(row.employee_user_id) ?? null,
    corpId: row.corp_id,
    occurredAt: iso(row.occurred_at),
    status: row.status,
    handledAt: row.handled_at === null ? null : iso(row.handled_at),
    handledBy: row.handled_by,
  };
}

/**
 * A customer deleted an employee at `occurredAt`, in `trx`: an open loss alert (one per
 * follow and occurrence) and a job telling the employee by WeCom app message.
 */
export async function raiseLossAlert(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  follow: FollowRow,
  occurredAt: number,
): Promise<string | null> {
  const now = ctx.clock.now();
  const id = newId(now);
  const created = await insertLossAlert(trx, {
    id,
    workspace_id: follow.workspace_id,
    person_id: follow.person_id,
    home_person_id: follow.home_person_id,
    follow_id: follow.id,
    corp_id: follow.corp_id,
    employee_user_id: follow.employee_user_id,
    occurred_at: occurredAt,
    status: 'open',
    handled_at: null,
    handled_by: null,
    created_at: now,
  });
  if (!created) return null;
  await enqueueLossAlertNotice(trx, ctx, follow.workspace_id, id);
  return id;
}

/** A page of loss alerts, newest first; without customers.all only the caller's employees'. */
export async function listLossAlertsFor(
  ctx: PeopleContext,
  acting: Acting,
  query: ListLossAlertsQuery,
): Promise<{ items: LossAlert[]; nextCursor: string | null }> {
  const before = decodeCursor(query.cursor, 'cursor');
  const rows = await listLossAlerts(ctx.db, acting.workspaceId, {
    status: query.status,
    employeeUserId: query.employeeUserId,
    employeeUserIds: await scopeEmployees(ctx, acting),
    before,
    limit: query.limit,
  });
  const last = rows[rows.length - 1];
  const names = await employeeNames(
    ctx.db,
    acting.workspaceId,
    rows.map((row) => row.employee_user_id),
  );
  return {
    items: rows.map((row) => lossAlertRowToLossAlert(row, names)),
    nextCursor:
      rows.length === query.limit && last
        ? encodeCursor({ at: last.occurred_at, id: last.id })
        : null,
  };
}

/** Marks an alert handled (audited); handling a handled alert again changes nothing. */
export async function handleLossAlert(
  ctx: PeopleContext,
  acting: Acting,
  alertId: string,
): Promise<LossAlert> {
  const employees = await scopeEmployees(ctx, acting);
  const handled = await ctx.db.transaction().execute(async (trx) => {
    const row = await findLossAlert(trx, acting.workspaceId, alertId);
    if (!row || (employees && !employees.includes(row.employee_user_id))) {
      throw lossAlertNotFound();
    }
    if (row.status === 'handled') return row;
    const at = ctx.clock.now();
    const by = auditActor(acting).label;
    await updateLossAlert(trx, acting.workspaceId, row.id, {
      status: 'handled',
      handled_at: at,
      handled_by: by,
    });
    await recordAudit(trx, {
      ...acting,
      action: 'loss_alert.handled',
      entityType: 'loss_alert',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'handled' },
      at,
    });
    return { ...row, status: 'handled' as const, handled_at: at, handled_by: by };
  });
  const names = await employeeNames(ctx.db, acting.workspaceId, [handled.employee_user_id]);
  return lossAlertRowToLossAlert(handled, names);
}

/**
 * The employees whose alerts the caller sees (the customer scope's): undefined with
 * customers.all, otherwise the user ids of the employees linked to the caller.
 */
async function scopeEmployees(ctx: PeopleContext, acting: Acting) {
  const scope = await customerScopeOf(ctx.db, acting);
  return scope.all ? undefined : scope.employeeUserIds;
}
