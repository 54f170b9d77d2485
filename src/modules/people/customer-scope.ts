import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { Database } from '../../database.js';
import { employeeUserIdsOfAccount } from '../employees/index.js';
import type { Acting } from '../workspace/actor.js';
import type { PeopleContext } from './people.context.js';
import { AppError } from '../../platform/http/errors.js';
import { findConflict } from './conflict.store.js';
import { findMerge } from './merge.store.js';
import { customerNotFound, requirePerson } from './person.service.js';
import { resolvePersonId } from './person.store.js';
import type { IdentityMergeRow, PersonRow } from './person.table.js';
import { mergeNotFound } from './unmerge.service.js';

type Db = Kysely<Database>;

/**
 * Which customers a caller sees: all of them with customers.all; otherwise those with an
 * active follow by one of the employees linked to the caller's console user (none for API
 * keys and users without a linked employee).
 */
export type CustomerScope = { all: true } | { all: false; employeeUserIds: string[] };
type Limited = Extract<CustomerScope, { all: false }>;

export async function customerScopeOf(db: Db, acting: Acting): Promise<CustomerScope> {
  if (acting.permissions.includes('customers.all')) return { all: true };
  const { actor } = acting;
  if (actor.type !== 'user' || actor.id === null) return { all: false, employeeUserIds: [] };
  return {
    all: false,
    employeeUserIds: await employeeUserIdsOfAccount(db, acting.workspaceId, actor.id),
  };
}

/** The follow is by one of the scope's employees (false when it has none). */
export function followByScopeEmployee(
  eb: ExpressionBuilder<Database, 'follow'>,
  scope: Limited,
): Expression<SqlBool> {
  return scope.employeeUserIds.length === 0
    ? sql<SqlBool>`1 = 0`
    : eb('follow.employee_user_id', 'in', scope.employeeUserIds);
}

/** Whether the person (a live id) is in the scope. */
export async function isInScope(
  db: Db,
  workspaceId: string,
  scope: CustomerScope,
  personId: string,
): Promise<boolean> {
  if (scope.all) return true;
  const row = await db
    .selectFrom('follow')
    .select('follow.id')
    .where('follow.workspace_id', '=', workspaceId)
    .where('follow.person_id', '=', personId)
    .where(sql<SqlBool>`follow.status = 'active'`)
    .where((eb) => followByScopeEmployee(eb, scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * `requirePerson` for a caller: the live person, or 404 also when it is outside the caller's
 * scope (a foreign customer reads as absent, never as forbidden).
 */
export async function requireVisiblePerson(
  ctx: Pick<PeopleContext, 'db'>,
  acting: Acting,
  personId: string,
  options: { writable?: boolean; db?: Db } = {},
): Promise<PersonRow> {
  const db = options.db ?? ctx.db;
  const scope = await customerScopeOf(db, acting);
  const person = await requirePerson(db, acting.workspaceId, personId, options);
  if (!(await isInScope(db, acting.workspaceId, scope, person.id))) throw customerNotFound();
  return person;
}

/**
 * A merge the caller may see and undo: one of its two persons (as they are now: the live
 * person it was merged into, or itself once undone) is in the caller's scope; 404 otherwise.
 */
export async function requireVisibleMerge(
  ctx: Pick<PeopleContext, 'db'>,
  acting: Acting,
  mergeId: string,
  db: Db = ctx.db,
): Promise<IdentityMergeRow> {
  const { workspaceId } = acting;
  const row = await findMerge(db, workspaceId, mergeId);
  if (!row) throw mergeNotFound();
  const scope = await customerScopeOf(db, acting);
  if (scope.all) return row;
  for (const personId of [row.winner_person_id, row.loser_person_id]) {
    const liveId = await resolvePersonId(db, workspaceId, personId);
    if (liveId && (await isInScope(db, workspaceId, scope, liveId))) return row;
  }
  throw mergeNotFound();
}

/**
 * Before a caller settles an identity conflict (merge or dismiss): without customers.all,
 * both persons (as they are now) must be in the caller's scope, or the conflict reads as
 * absent (404) — nobody merges a customer they cannot see.
 */
export async function requireSettleableConflict(
  ctx: Pick<PeopleContext, 'db'>,
  acting: Acting,
  conflictId: string,
): Promise<void> {
  const { db } = ctx;
  const { workspaceId } = acting;
  const scope = await customerScopeOf(db, acting);
  if (scope.all) return;
  const notFound = () => new AppError('not_found', 'Identity conflict not found');
  const row = await findConflict(db, workspaceId, conflictId);
  if (!row) throw notFound();
  for (const personId of [row.person_a_id, row.person_b_id]) {
    const liveId = await resolvePersonId(db, workspaceId, personId);
    if (!liveId || !(await isInScope(db, workspaceId, scope, liveId))) throw notFound();
  }
}
