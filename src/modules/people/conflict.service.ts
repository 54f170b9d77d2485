import { AppError } from '../../platform/http/errors.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { auditActor } from './acting.js';
import { findConflict, listConflicts, updateConflicts } from './conflict.store.js';
import { customerScopeOf } from './customer-scope.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { displayIdentityValue } from './identity.display.js';
import { mergePersons } from './merge.service.js';
import type { IdentityConflict } from './merge.schemas.js';
import type { PeopleContext } from './people.context.js';
import type { ConflictStatus, IdentityConflictRow } from './person.table.js';
import { findPersons, resolvePersonId } from './person.store.js';
import { iso } from './tag.mapping.js';

const conflictNotFound = () => new AppError('not_found', 'Identity conflict not found');

async function toApi(
  ctx: PeopleContext,
  row: IdentityConflictRow,
  reveal: boolean,
): Promise<IdentityConflict> {
  const [a, b] = await Promise.all(
    [row.person_a_id, row.person_b_id].map((p) => resolvePersonId(ctx.db, row.workspace_id, p)),
  );
  return {
    id: row.id,
    personAId: row.person_a_id,
    personBId: row.person_b_id,
    livePersonAId: a ?? null,
    livePersonBId: b ?? null,
    kind: row.kind,
    namespace: row.namespace,
    value: displayIdentityValue(ctx, row.kind, row.value, reveal),
    reason: row.reason,
    rule: row.rule,
    status: row.status,
    source: row.source,
    occurrences: row.occurrences,
    createdAt: iso(row.created_at),
    lastSeenAt: iso(row.last_seen_at),
    resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
    resolvedBy: row.resolved_by,
    mergeId: row.merge_id,
  };
}

/** Conflicts for review, newest first (keyset pagination with `nextCursor`). */
export async function listIdentityConflicts(
  ctx: PeopleContext,
  acting: Acting,
  query: { status?: ConflictStatus | undefined; before?: string | undefined; limit: number },
  reveal: boolean,
): Promise<{ items: IdentityConflict[]; nextCursor: string | null }> {
  const { workspaceId } = acting;
  const before = decodeCursor(query.before);
  // Without customers.all: only conflicts the caller could settle (both persons in scope).
  const scope = await customerScopeOf(ctx.db, acting);
  const rows = await listConflicts(ctx.db, workspaceId, {
    status: query.status,
    limit: query.limit,
    ...(scope.all ? {} : { onlyFollowedBy: scope.employeeUserIds }),
    ...(before ? { before: { createdAt: before.at, id: before.id } } : {}),
  });
  const last = rows[rows.length - 1];
  return {
    items: await Promise.all(rows.map((row) => toApi(ctx, row, reveal))),
    nextCursor:
      rows.length === query.limit && last
        ? encodeCursor({ at: last.created_at, id: last.id })
        : null,
  };
}

/**
 * Settles an open conflict. `dismiss`: they are two people (the link will not be raised again).
 * `merge`: they are one: the older of their live persons wins, limits do not apply (the
 * operator decided); undoable like any merge. Audited.
 */
export async function resolveIdentityConflict(
  ctx: PeopleContext,
  acting: Acting,
  conflictId: string,
  action: 'merge' | 'dismiss',
  reveal: boolean,
): Promise<IdentityConflict> {
  const by = auditActor(acting);
  const { workspaceId } = acting;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const conflict = await findConflict(trx, workspaceId, conflictId);
    if (!conflict) throw conflictNotFound();
    if (conflict.status !== 'open') {
      throw new AppError('conflict', `This conflict is already ${conflict.status}`);
    }
    const at = ctx.clock.now();
    let mergeId: string | null = null;
    if (action === 'merge') {
      const live = await Promise.all(
        [conflict.person_a_id, conflict.person_b_id].map((p) =>
          resolvePersonId(trx, workspaceId, p),
        ),
      );
      const persons = await findPersons(trx, workspaceId, [
        ...new Set(live.filter((p) => p !== undefined)),
      ]);
      if (persons.some((p) => p.erased_at !== null)) {
        throw new AppError('conflict', 'One of the persons was erased; they cannot be merged');
      }
      if (persons.length === 2) {
        mergeId = await mergePersons(trx, ctx, {
          workspaceId,
          winnerId: persons[0]!.id,
          loserId: persons[1]!.id,
          cause: {
            reason: 'manual',
            identity: {
              id: null,
              kind: conflict.kind,
              namespace: conflict.namespace,
              value: conflict.value,
            },
            source: 'console',
            conflictId,
          },
          by,
          request: acting.request,
        });
      }
    }
    const changes = {
      status: action === 'merge' ? ('resolved' as const) : ('dismissed' as const),
      resolved_at: at,
      resolved_by: by.label,
      merge_id: mergeId,
    };
    await updateConflicts(trx, workspaceId, [conflictId], changes);
    const after = { ...conflict, ...changes };
    await recordAudit(trx, {
      ...acting,
      action: action === 'merge' ? 'identity_conflict.resolved' : 'identity_conflict.dismissed',
      entityType: 'identity_conflict',
      entityId: conflictId,
      before: { status: conflict.status },
      after: { status: after.status, mergeId },
      at,
    });
    return after;
  });
  return toApi(ctx, row, reveal);
}
