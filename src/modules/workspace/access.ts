import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { Actor, WorkspaceAuth } from './actor.js';
import { authenticateApiKey } from './api-key.service.js';
import { findActiveWorkspaceOfUser } from './membership.store.js';
import { rolePermissions, type Permission } from './permissions.js';
import { csrfTokenMatches, resolveSession, sessionLifetime } from './session.service.js';
import type { WorkspaceContext } from './workspace.context.js';
import { findWorkspaceBySlug } from './workspace.store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, once a guard has authenticated the request. */
    actor: Actor | null;
    /**
     * The caller's workspace, role and permissions. Set before validation on every route
     * whose path starts with `/api/workspaces/:slug`; read it only on those routes.
     */
    auth: WorkspaceAuth;
  }
}

export const sessionCookieName = 'siyu_session';

/** Every route under this path is workspace-scoped: authenticated and resolved up front. */
export const workspaceRoutePrefix = '/api/workspaces/:slug';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWorkspaceRoute(url: string | undefined): boolean {
  return url === workspaceRoutePrefix || !!url?.startsWith(`${workspaceRoutePrefix}/`);
}

const unauthenticated = () => new AppError('unauthenticated', 'Sign in or send an API key');
const workspaceNotFound = () => new AppError('not_found', 'Workspace not found');

export interface Access {
  /** Cookie session or API key → the actor; 401 without one, 403 on a CSRF failure. */
  authenticate(request: FastifyRequest): Promise<Actor>;
  /** A hook: the request must come from a signed-in console user (not an API key). */
  requireUser(request: FastifyRequest): Promise<void>;
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
}

/**
 * A hook for workspace-scoped routes: the caller's role must grant `permission`, else 403.
 * Use it in any stage (`onRequest` is best: it answers before the body is validated):
 * `app.get('/api/workspaces/:slug/things', { onRequest: requirePermission('things.read') }, …)`.
 */
export function requirePermission(permission: Permission) {
  return async function checkPermission(request: FastifyRequest): Promise<void> {
    if (!request.auth) {
      throw new Error(
        `requirePermission('${permission}') on a route outside ${workspaceRoutePrefix}`,
      );
    }
    if (!request.auth.permissions.includes(permission)) {
      throw new AppError('forbidden', `This needs the ${permission} permission`, { permission });
    }
  };
}

/**
 * Installs cookies and the root `onRequest` guard on the app itself (not in a child
 * context), so it covers the routes of every module, registered before or after.
 */
export async function installAccessControl(
  app: HttpServer,
  ctx: WorkspaceContext,
  options: { cookieSecure: boolean },
): Promise<Access> {
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null as unknown as WorkspaceAuth);

  async function authenticate(request: FastifyRequest): Promise<Actor> {
    if (request.actor) return request.actor;
    const authorization = request.headers.authorization;
    let actor: Actor | undefined;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      actor = bearer ? await authenticateApiKey(ctx, bearer) : undefined;
    } else {
      const token = request.cookies[sessionCookieName];
      const found = token ? await resolveSession(ctx, token) : undefined;
      if (found) {
        if (
          unsafeMethods.has(request.method) &&
          !csrfTokenMatches(found.session.csrf_token, request.headers['x-csrf-token'])
        ) {
          throw new AppError('csrf_failed', 'Missing or wrong x-csrf-token header');
        }
        const { user, session } = found;
        actor = {
          type: 'user',
          id: user.id,
          email: user.email,
          name: user.name,
          locale: user.locale,
          sessionId: session.id,
          csrfToken: session.csrf_token,
        };
      }
    }
    if (!actor) throw unauthenticated();
    request.actor = actor;
    return actor;
  }

  async function resolveWorkspace(actor: Actor, slug: string): Promise<WorkspaceAuth> {
    let found: { workspace: WorkspaceAuth['workspace']; role: WorkspaceAuth['role'] } | undefined;
    if (actor.type === 'user') {
      found = await findActiveWorkspaceOfUser(ctx.db, slug, actor.id);
    } else {
      const workspace = await findWorkspaceBySlug(ctx.db, slug);
      if (workspace?.id === actor.workspaceId) found = { workspace, role: actor.role };
    }
    // Unknown and foreign workspaces answer alike, so existence is never revealed.
    if (!found) throw workspaceNotFound();
    const { id, name } = found.workspace;
    return {
      actor,
      workspace: { id, slug: found.workspace.slug, name },
      role: found.role,
      permissions: rolePermissions[found.role],
    };
  }

  const authorize = async (request: FastifyRequest) => {
    const actor = await authenticate(request);
    const slug = (request.params as { slug?: string }).slug ?? '';
    request.auth = await resolveWorkspace(actor, slug);
  };
  // Callback style: routes outside workspaces (callbacks, health) pay no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isWorkspaceRoute(request.routeOptions.url)) return done();
    authorize(request).then(() => done(), done);
  });

  return {
    authenticate,
    async requireUser(request) {
      const actor = await authenticate(request);
      if (actor.type !== 'user') {
        throw new AppError('forbidden', 'This needs a signed-in user, not an API key');
      }
    },
    setSessionCookie(reply, token) {
      reply.setCookie(sessionCookieName, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        path: '/',
        maxAge: Math.floor(sessionLifetime.absoluteMs / 1000),
      });
    },
    clearSessionCookie(reply) {
      reply.clearCookie(sessionCookieName, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        path: '/',
      });
    },
  };
}
