import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting } from './actor.js';
import { recordAudit } from './audit.js';
import {
  countActiveOwners,
  deleteMembership,
  findMember,
  insertMembership,
  listMembers,
  updateMembership,
  type MemberRow,
} from './membership.store.js';
import { hashPassword } from './password.js';
import type { Role } from './permissions.js';
import { findUserByEmail, insertUser, normalizeEmail, updateUser } from './user.store.js';
import { isUniqueViolation, lockWorkspace, type WorkspaceContext } from './workspace.context.js';
import { memberRowToMember } from './workspace.mapping.js';
import type { Member } from './workspace.schemas.js';
import type { Locale, UserRow, UserStatus } from './workspace.table.js';

function requireOwnerManagement(acting: Acting): void {
  if (!acting.permissions.includes('owners.manage')) {
    throw new AppError('forbidden', 'Only an owner can grant, change or remove the owner role', {
      permission: 'owners.manage',
    });
  }
}

const lastOwner = () =>
  new AppError('conflict', 'The workspace must keep at least one active owner');

export async function listWorkspaceMembers(
  ctx: WorkspaceContext,
  workspaceId: string,
): Promise<Member[]> {
  return (await listMembers(ctx.db, workspaceId)).map(memberRowToMember);
}

export interface AddMemberInput {
  email: string;
  name: string;
  role: Role;
  /** Required when the email has no account yet; ignored otherwise. */
  password?: string | undefined;
  locale?: Locale;
}

/**
 * Adds a user to the workspace. A new email creates the account (with the given password);
 * an existing account just gains a membership: its name and password are left as they are,
 * since they belong to that person, not to this workspace. Already a member → 409.
 */
export async function addMember(
  ctx: WorkspaceContext,
  acting: Acting,
  input: AddMemberInput,
): Promise<Member> {
  if (input.role === 'owner') requireOwnerManagement(acting);
  const email = normalizeEmail(input.email);
  const passwordHash =
    input.password === undefined ? undefined : await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      let user = await findUserByEmail(trx, email);
      const created = !user;
      if (!user) {
        if (passwordHash === undefined) {
          throw new AppError('validation_failed', 'A password is required for a new user', [
            { path: 'body/password', message: 'required when the email has no account yet' },
          ]);
        }
        user = {
          id: newId(now),
          email,
          name: input.name,
          password_hash: passwordHash,
          locale: input.locale ?? 'zh-CN',
          status: 'active',
          created_at: now,
          updated_at: now,
          last_login_at: null,
        } satisfies UserRow;
        await insertUser(trx, user);
      } else if (await findMember(trx, acting.workspaceId, user.id)) {
        throw new AppError('conflict', 'This user is already a member of the workspace');
      }
      const membership = {
        workspace_id: acting.workspaceId,
        user_id: user.id,
        role: input.role,
        status: 'active' as const,
        created_at: now,
        updated_at: now,
      };
      await insertMembership(trx, membership);
      const member = memberRowToMember({ user, membership });
      await recordAudit(trx, {
        ...acting,
        action: created ? 'user.created' : 'user.added',
        entityType: 'user',
        entityId: user.id,
        after: member,
        at: now,
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'This user is already a member of the workspace');
    }
    throw error;
  }
}

async function loadMember(
  ctx: WorkspaceContext,
  workspaceId: string,
  userId: string,
): Promise<MemberRow> {
  const member = await findMember(ctx.db, workspaceId, userId);
  if (!member) throw new AppError('not_found', 'User not found');
  return member;
}

function isActiveOwner({ user, membership }: MemberRow): boolean {
  return membership.role === 'owner' && membership.status === 'active' && user.status === 'active';
}

export interface UpdateMemberInput {
  name?: string | undefined;
  role?: Role | undefined;
  /** The user's status in this workspace (their account elsewhere is not affected). */
  status?: UserStatus | undefined;
}

/** Renames, changes the role or disables/enables a member; guards owners. */
export async function updateMember(
  ctx: WorkspaceContext,
  acting: Acting,
  userId: string,
  input: UpdateMemberInput,
): Promise<Member> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, acting.workspaceId);
    const tctx = { ...ctx, db: trx };
    const current = await loadMember(tctx, acting.workspaceId, userId);
    if (current.membership.role === 'owner' || input.role === 'owner') {
      requireOwnerManagement(acting);
    }
    const next: MemberRow = {
      user: { ...current.user, name: input.name ?? current.user.name },
      membership: {
        ...current.membership,
        role: input.role ?? current.membership.role,
        status: input.status ?? current.membership.status,
      },
    };
    if (
      isActiveOwner(current) &&
      !isActiveOwner(next) &&
      (await countActiveOwners(trx, acting.workspaceId)) <= 1
    ) {
      throw lastOwner();
    }
    const before = memberRowToMember(current);
    const after = memberRowToMember(next);
    const now = ctx.clock.now();
    if (next.user.name !== current.user.name) {
      await updateUser(trx, userId, { name: next.user.name, updated_at: now });
    }
    if (
      next.membership.role !== current.membership.role ||
      next.membership.status !== current.membership.status
    ) {
      await updateMembership(trx, acting.workspaceId, userId, {
        role: next.membership.role,
        status: next.membership.status,
        updated_at: now,
      });
    }
    const changed = (Object.keys(after) as (keyof Member)[]).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      await recordAudit(trx, {
        ...acting,
        action: 'user.updated',
        entityType: 'user',
        entityId: userId,
        before: pick(before, changed),
        after: pick(after, changed),
        at: now,
      });
    }
    return after;
  });
}

/** Removes the user from this workspace (their account and other workspaces stay). */
export async function removeMember(
  ctx: WorkspaceContext,
  acting: Acting,
  userId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, acting.workspaceId);
    const current = await loadMember({ ...ctx, db: trx }, acting.workspaceId, userId);
    if (current.membership.role === 'owner') requireOwnerManagement(acting);
    if (isActiveOwner(current) && (await countActiveOwners(trx, acting.workspaceId)) <= 1) {
      throw lastOwner();
    }
    await deleteMembership(trx, acting.workspaceId, userId);
    await recordAudit(trx, {
      ...acting,
      action: 'user.removed',
      entityType: 'user',
      entityId: userId,
      before: memberRowToMember(current),
      at: ctx.clock.now(),
    });
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}
