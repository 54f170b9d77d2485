import type { Logger } from '../../platform/log.js';
import { newId } from '../../platform/ids.js';
import { systemActor } from './actor.js';
import { recordAudit } from './audit.js';
import { findMembership, insertMembership, updateMembership } from './membership.store.js';
import { generatePassword, hashPassword } from './password.js';
import { findUserByEmail, insertUserIfAbsent, normalizeEmail } from './user.store.js';
import { lockWorkspace, type WorkspaceContext } from './workspace.context.js';
import { memberRowToMember } from './workspace.mapping.js';
import { findWorkspaceBySlug, insertWorkspaceIfAbsent } from './workspace.store.js';
import type { UserRow, WorkspaceRow } from './workspace.table.js';

export const defaultWorkspace = { slug: 'default', name: 'Default workspace' } as const;
export const defaultOwnerEmail = 'admin@siyu.local';

/** The `default` workspace every installation has; created on first use. */
export async function ensureDefaultWorkspace(ctx: WorkspaceContext): Promise<WorkspaceRow> {
  const now = ctx.clock.now();
  const row: WorkspaceRow = {
    id: newId(now),
    ...defaultWorkspace,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertWorkspaceIfAbsent(trx, row))) return;
    await recordAudit(trx, {
      workspaceId: row.id,
      actor: systemActor,
      action: 'workspace.created',
      entityType: 'workspace',
      entityId: row.id,
      after: { slug: row.slug, name: row.name },
      at: now,
    });
  });
  return (await findWorkspaceBySlug(ctx.db, defaultWorkspace.slug))!;
}

export interface FirstOwnerResult {
  /** False when the default workspace already had an owner: nothing was done. */
  created: boolean;
  email?: string;
  /** Set only when this call generated the password; it is shown once and never stored. */
  generatedPassword?: string;
}

/**
 * Gives the default workspace an owner on first run: the configured email/password, else
 * admin@siyu.local with a generated password. Does nothing once the workspace has an owner.
 */
export async function ensureFirstOwner(
  ctx: WorkspaceContext,
  owner: { email: string | null; password: string | null },
): Promise<FirstOwnerResult> {
  const workspace = await ensureDefaultWorkspace(ctx);
  if (await hasOwner(ctx.db, workspace.id)) return { created: false };
  const email = normalizeEmail(owner.email ?? defaultOwnerEmail);
  const generated = owner.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(owner.password ?? generated!);
  return ctx.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspace.id);
    if (await hasOwner(trx, workspace.id)) return { created: false };
    const now = ctx.clock.now();
    const candidate: UserRow = {
      id: newId(now),
      email,
      name: 'Owner',
      password_hash: passwordHash,
      locale: 'zh-CN',
      status: 'active',
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    const inserted = await insertUserIfAbsent(trx, candidate);
    const user = inserted ? candidate : (await findUserByEmail(trx, email))!;
    const existing = await findMembership(trx, workspace.id, user.id);
    const membership = {
      workspace_id: workspace.id,
      user_id: user.id,
      role: 'owner' as const,
      status: 'active' as const,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await updateMembership(trx, workspace.id, user.id, membership);
    else await insertMembership(trx, membership);
    await recordAudit(trx, {
      workspaceId: workspace.id,
      actor: systemActor,
      action: inserted ? 'user.created' : 'user.updated',
      entityType: 'user',
      entityId: user.id,
      before: existing ? memberRowToMember({ user, membership: existing }) : null,
      after: memberRowToMember({ user, membership }),
      at: now,
    });
    return inserted && generated
      ? { created: true, email, generatedPassword: generated }
      : { created: true, email };
  });
}

async function hasOwner(db: WorkspaceContext['db'], workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return row !== undefined;
}

/** Boot step: default workspace and first owner; prints a generated password exactly once. */
export async function bootstrapWorkspaces(
  ctx: WorkspaceContext,
  owner: { email: string | null; password: string | null },
  out: { print: (line: string) => void; logger: Logger },
): Promise<void> {
  const result = await ensureFirstOwner(ctx, owner);
  if (!result.created) return;
  out.logger.info({ email: result.email }, 'created the first owner of the default workspace');
  if (result.generatedPassword) {
    out.print(
      [
        '',
        '  First run: created the owner account of the default workspace.',
        `    email:    ${result.email}`,
        `    password: ${result.generatedPassword}`,
        '  This password is shown only this once; sign in and change it.',
        '',
      ].join('\n'),
    );
  }
}
