import type { Locale, ActorType } from './workspace.table.js';
import type { Permission, Role } from './permissions.js';

/** Who makes a request: a console user (cookie session) or an API key. */
export type Actor =
  | {
      type: 'user';
      id: string;
      email: string;
      name: string;
      locale: Locale;
      sessionId: string;
      csrfToken: string;
    }
  | { type: 'api_key'; id: string; name: string; workspaceId: string; role: Role };

/** The workspace a request acts in, resolved from `:slug` before validation. */
export interface WorkspaceAuth {
  actor: Actor;
  workspace: { id: string; slug: string; name: string };
  role: Role;
  permissions: readonly Permission[];
}

/** How an actor is written in the audit log. */
export interface AuditActor {
  type: ActorType;
  id: string | null;
  label: string;
}

export const systemActor: AuditActor = { type: 'system', id: null, label: 'system' };

export function auditActorOf(actor: Actor): AuditActor {
  return actor.type === 'user'
    ? { type: 'user', id: actor.id, label: actor.email }
    : { type: 'api_key', id: actor.id, label: actor.name };
}

/** Who changes what in which workspace: what services need to check and audit a change. */
export interface Acting {
  workspaceId: string;
  actor: Actor | AuditActor;
  permissions: readonly Permission[];
  /** The HTTP request, for the audit entry's IP and request id; absent for CLI changes. */
  request?: { ip: string; id: string } | undefined;
}

export function actingFor(auth: WorkspaceAuth, request: { ip: string; id: string }): Acting {
  return {
    workspaceId: auth.workspace.id,
    actor: auth.actor,
    permissions: auth.permissions,
    request: { ip: request.ip, id: request.id },
  };
}

/** The system (CLI, first-run bootstrap) acting with every permission. */
export function actingAsSystem(workspaceId: string, allPermissions: readonly Permission[]): Acting {
  return { workspaceId, actor: systemActor, permissions: allPermissions };
}
