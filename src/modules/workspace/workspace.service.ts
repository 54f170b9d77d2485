import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting, Actor, AuditActor } from './actor.js';
import { recordAudit } from './audit.js';
import { insertMembership, listActiveWorkspacesOfUser } from './membership.store.js';
import { isUniqueViolation, type WorkspaceContext } from './workspace.context.js';
import { userWorkspaceToSummary } from './workspace.mapping.js';
import type { WorkspaceSummary } from './workspace.schemas.js';
import {
  findWorkspaceById,
  findWorkspaceBySlug,
  insertWorkspace,
  updateWorkspaceName,
} from './workspace.store.js';
import type { WorkspaceRow } from './workspace.table.js';

/** The workspaces an actor can enter: a user's active memberships, or an API key's one. */
export async function listWorkspacesOf(
  ctx: WorkspaceContext,
  actor: Actor,
): Promise<WorkspaceSummary[]> {
  if (actor.type === 'user') {
    return (await listActiveWorkspacesOfUser(ctx.db, actor.id)).map(userWorkspaceToSummary);
  }
  const workspace = await findWorkspaceById(ctx.db, actor.workspaceId);
  return workspace ? [userWorkspaceToSummary({ workspace, role: actor.role })] : [];
}

/**
 * Creates a workspace; when `ownerUserId` is given that user becomes its owner.
 * A taken slug → 409 conflict.
 */
export async function createWorkspace(
  ctx: WorkspaceContext,
  actor: Actor | AuditActor,
  input: { slug: string; name: string; ownerUserId?: string },
  request?: { ip: string; id: string },
): Promise<WorkspaceRow> {
  const now = ctx.clock.now();
  const workspace: WorkspaceRow = {
    id: newId(now),
    slug: input.slug,
    name: input.name,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findWorkspaceBySlug(trx, input.slug)) throw slugTaken(input.slug);
      await insertWorkspace(trx, workspace);
      if (input.ownerUserId) {
        await insertMembership(trx, {
          workspace_id: workspace.id,
          user_id: input.ownerUserId,
          role: 'owner',
          status: 'active',
          created_at: now,
          updated_at: now,
        });
      }
      await recordAudit(trx, {
        workspaceId: workspace.id,
        actor,
        action: 'workspace.created',
        entityType: 'workspace',
        entityId: workspace.id,
        after: { slug: workspace.slug, name: workspace.name },
        request,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
  return workspace;
}

const slugTaken = (slug: string) =>
  new AppError('conflict', `The workspace slug "${slug}" is already taken`, { slug });

export async function renameWorkspace(
  ctx: WorkspaceContext,
  acting: Acting,
  name: string,
): Promise<WorkspaceRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findWorkspaceById(trx, acting.workspaceId);
    if (!current) throw new AppError('not_found', 'Workspace not found');
    if (current.name === name) return current;
    const now = ctx.clock.now();
    await updateWorkspaceName(trx, current.id, name, now);
    await recordAudit(trx, {
      ...acting,
      action: 'workspace.renamed',
      entityType: 'workspace',
      entityId: current.id,
      before: { name: current.name },
      after: { name },
      at: now,
    });
    return { ...current, name, updated_at: now };
  });
}
