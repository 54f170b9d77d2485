import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { TimeIdCursor } from './cursor.js';
import type { LossAlertRow, LossAlertStatus, LossAlertTable } from './relations.table.js';

type Db = Kysely<Database>;

/** A loss alert with the customer's name (live person; the employee's remark as fallback). */
export type LossAlertListRow = LossAlertRow & { person_name: string | null };

export interface LossAlertFilter {
  status?: LossAlertStatus | undefined;
  employeeUserId?: string | undefined;
  /** Only alerts of these employees (user ids); undefined: every employee. */
  employeeUserIds?: readonly string[] | undefined;
  before?: TimeIdCursor | undefined;
  limit: number;
}

/** Inserts the alert unless the follow already has one for this occurrence; true if stored. */
export async function insertLossAlert(db: Db, row: LossAlertRow): Promise<boolean> {
  const inserted = await db
    .insertInto('loss_alert')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'follow_id', 'occurred_at']).doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

function selectAlerts(db: Db, workspaceId: string) {
  return db
    .selectFrom('loss_alert')
    .innerJoin('person', (join) =>
      join
        .onRef('person.id', '=', 'loss_alert.person_id')
        .onRef('person.workspace_id', '=', 'loss_alert.workspace_id'),
    )
    .leftJoin('follow', (join) =>
      join
        .onRef('follow.id', '=', 'loss_alert.follow_id')
        .onRef('follow.workspace_id', '=', 'loss_alert.workspace_id'),
    )
    .selectAll('loss_alert')
    .select((eb) => eb.fn.coalesce('person.display_name', 'follow.remark').as('person_name'))
    .where('loss_alert.workspace_id', '=', workspaceId);
}

export function findLossAlert(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<LossAlertListRow | undefined> {
  return selectAlerts(db, workspaceId).where('loss_alert.id', '=', id).executeTakeFirst();
}

/** Newest first (occurred_at desc, id desc), after the cursor. */
export async function listLossAlerts(
  db: Db,
  workspaceId: string,
  filter: LossAlertFilter,
): Promise<LossAlertListRow[]> {
  const { employeeUserIds, before } = filter;
  if (employeeUserIds && employeeUserIds.length === 0) return [];
  let query = selectAlerts(db, workspaceId);
  if (filter.status) query = query.where('loss_alert.status', '=', filter.status);
  if (filter.employeeUserId) {
    query = query.where('loss_alert.employee_user_id', '=', filter.employeeUserId);
  }
  if (employeeUserIds) {
    query = query.where('loss_alert.employee_user_id', 'in', [...employeeUserIds]);
  }
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('loss_alert.occurred_at', '<', before.at),
        eb.and([eb('loss_alert.occurred_at', '=', before.at), eb('loss_alert.id', '<', before.id)]),
      ]),
    );
  }
  return query
    .orderBy('loss_alert.occurred_at', 'desc')
    .orderBy('loss_alert.id', 'desc')
    .limit(filter.limit)
    .execute();
}

export async function updateLossAlert(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Updateable<LossAlertTable>,
): Promise<void> {
  await db
    .updateTable('loss_alert')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
