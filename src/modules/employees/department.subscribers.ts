import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { EventBus, PublishedEvent } from '../../platform/event-bus/event-bus.js';
import { newId } from '../../platform/ids.js';
import { isStale } from './employee.subscribers.js';
import type { DepartmentRow, DepartmentTable } from './employee.table.js';
import type { EmployeesContext } from './employees.context.js';

type DepartmentEvent = PublishedEvent<
  Extract<DomainEvent, { type: 'department.created' | 'department.updated' | 'department.deleted' }>
>;
type DepartmentChanges = Pick<
  Updateable<DepartmentTable>,
  'name' | 'parent_id' | 'sort_order' | 'deleted_at'
>;

/** Keeps the department table current from the directory callbacks (create/update/delete_party). */
export function subscribeDepartmentEvents(bus: EventBus<DomainEvent>, ctx: EmployeesContext) {
  bus.subscribe(
    ['department.created', 'department.updated', 'department.deleted'],
    'employees.departments',
    (event) => applyDepartmentEvent(ctx, event),
  );
}

/**
 * Applies one department event, as the member events are applied: idempotent; an event older
 * than the row's last change (second precision) is ignored. A deleted department is marked
 * `deleted_at` and hidden, as when a sync no longer sees it; a delete of an unknown
 * department leaves such a marked row, so a late create does not bring it back, while a newer
 * create (WeCom lets a deleted id be used again) revives it. An update of an unknown
 * department creates it with what the update carries (the name defaults to the id until a
 * sync or a later event tells more).
 */
export async function applyDepartmentEvent(
  ctx: Pick<EmployeesContext, 'db' | 'clock'>,
  event: DepartmentEvent,
): Promise<void> {
  const { workspaceId, occurredAt } = event;
  const { corpId, departmentId } = event.data;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findDepartment(trx, workspaceId, corpId, departmentId);
    if (row && isStale(occurredAt, row.updated_at)) return;
    if (row && event.type === 'department.deleted' && row.deleted_at !== null) return;
    const changes = changesOf(event);
    if (row) {
      await trx
        .updateTable('department')
        .set({ ...changes, updated_at: Math.max(row.updated_at, occurredAt) })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
      return;
    }
    const now = ctx.clock.now();
    await trx
      .insertInto('department')
      .values({
        id: newId(now),
        workspace_id: workspaceId,
        corp_id: corpId,
        department_id: departmentId,
        name: changes.name ?? departmentId,
        parent_id: changes.parent_id ?? null,
        sort_order: changes.sort_order ?? 0,
        synced_at: now,
        created_at: now,
        updated_at: occurredAt,
        deleted_at: changes.deleted_at ?? null,
      })
      .execute();
  });
}

/** The columns an event sets; fields it does not carry are left as they are. */
function changesOf(event: DepartmentEvent): DepartmentChanges {
  switch (event.type) {
    case 'department.created':
    case 'department.updated': {
      const { name, parentId } = event.data;
      const order = event.type === 'department.created' ? event.data.order : undefined;
      return {
        ...(name !== undefined ? { name } : {}),
        ...(parentId !== undefined ? { parent_id: parentId } : {}),
        ...(order !== undefined ? { sort_order: order } : {}),
        ...(event.type === 'department.created' ? { deleted_at: null } : {}),
      };
    }
    case 'department.deleted':
      return { deleted_at: event.occurredAt };
  }
}

function findDepartment(
  db: Kysely<Database>,
  workspaceId: string,
  corpId: string,
  departmentId: string,
): Promise<DepartmentRow | undefined> {
  return db
    .selectFrom('department')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('corp_id', '=', corpId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
}
