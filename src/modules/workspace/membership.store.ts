import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { Role } from './permissions.js';
import type { MembershipRow, MembershipTable, UserRow, WorkspaceRow } from './workspace.table.js';

type Db = Kysely<Database>;

export interface MemberRow {
  user: UserRow;
  membership: MembershipRow;
}

export interface UserWorkspaceRow {
  workspace: WorkspaceRow;
  role: Role;
}

export async function insertMembership(db: Db, row: MembershipRow): Promise<void> {
  await db.insertInto('membership').values(row).execute();
}

export function findMembership(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('membership')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

function activeWorkspacesOfUser(db: Db, userId: string) {
  return db
    .selectFrom('workspace')
    .innerJoin('membership', 'membership.workspace_id', 'workspace.id')
    .selectAll('workspace')
    .select('membership.role')
    .where('membership.user_id', '=', userId)
    .where('membership.status', '=', 'active');
}

const toUserWorkspace = ({ role, ...workspace }: WorkspaceRow & { role: Role }) => ({
  workspace,
  role,
});

/** The workspace with this slug, only when the user is an active member of it. */
export async function findActiveWorkspaceOfUser(
  db: Db,
  slug: string,
  userId: string,
): Promise<UserWorkspaceRow | undefined> {
  const row = await activeWorkspacesOfUser(db, userId)
    .where('workspace.slug', '=', slug)
    .executeTakeFirst();
  return row && toUserWorkspace(row);
}

export async function listActiveWorkspacesOfUser(
  db: Db,
  userId: string,
): Promise<UserWorkspaceRow[]> {
  const rows = await activeWorkspacesOfUser(db, userId)
    .orderBy('workspace.created_at')
    .orderBy('workspace.id')
    .execute();
  return rows.map(toUserWorkspace);
}

const userColumns = [
  'user_account.id',
  'user_account.email',
  'user_account.name',
  'user_account.password_hash',
  'user_account.locale',
  'user_account.status',
  'user_account.created_at',
  'user_account.updated_at',
  'user_account.last_login_at',
] as const;

function splitMember(row: {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: UserRow['locale'];
  status: UserRow['status'];
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  m_role: Role;
  m_status: MembershipRow['status'];
  m_created_at: number;
  m_updated_at: number;
  m_workspace_id: string;
}): MemberRow {
  const { m_role, m_status, m_created_at, m_updated_at, m_workspace_id, ...user } = row;
  return {
    user,
    membership: {
      workspace_id: m_workspace_id,
      user_id: user.id,
      role: m_role,
      status: m_status,
      created_at: m_created_at,
      updated_at: m_updated_at,
    },
  };
}

function membersQuery(db: Db, workspaceId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select(userColumns)
    .select([
      'membership.role as m_role',
      'membership.status as m_status',
      'membership.created_at as m_created_at',
      'membership.updated_at as m_updated_at',
      'membership.workspace_id as m_workspace_id',
    ])
    .where('membership.workspace_id', '=', workspaceId);
}

export async function listMembers(db: Db, workspaceId: string): Promise<MemberRow[]> {
  const rows = await membersQuery(db, workspaceId)
    .orderBy('membership.created_at')
    .orderBy('user_account.email')
    .execute();
  return rows.map(splitMember);
}

export async function findMember(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const row = await membersQuery(db, workspaceId)
    .where('membership.user_id', '=', userId)
    .executeTakeFirst();
  return row && splitMember(row);
}

export async function updateMembership(
  db: Db,
  workspaceId: string,
  userId: string,
  changes: Updateable<MembershipTable>,
): Promise<void> {
  await db
    .updateTable('membership')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('membership')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/** Owners who can still act: active membership of an active user. */
export async function countActiveOwners(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('membership.workspace_id', '=', workspaceId)
    .where('membership.role', '=', 'owner')
    .where('membership.status', '=', 'active')
    .where('user_account.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
