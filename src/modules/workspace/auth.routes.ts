import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { Access } from './access.js';
import type { Actor } from './actor.js';
import {
  LoginThrottledError,
  login,
  logout,
  sessionInfo,
  updateOwnProfile,
} from './auth.service.js';
import { findUserById } from './user.store.js';
import type { WorkspaceContext } from './workspace.context.js';
import {
  errorResponses,
  localeSchema,
  nameSchema,
  noContent,
  passwordSchema,
  sessionInfoSchema,
  userSchema,
} from './workspace.schemas.js';

const tags = ['auth'];

export function registerAuthRoutes(app: HttpServer, ctx: WorkspaceContext, access: Access): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) }),
        response: { 200: sessionInfoSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      try {
        const { token, info } = await login(ctx, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        access.setSessionCookie(reply, token);
        return info;
      } catch (error) {
        if (error instanceof LoginThrottledError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags,
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: noContent, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const actor = await access.authenticate(request).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'unauthenticated') return undefined;
        throw error;
      });
      if (actor?.type === 'user') await logout(ctx, actor.sessionId);
      access.clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: access.requireUser,
      schema: {
        tags,
        summary: 'The signed-in user, their workspaces and the CSRF token',
        response: { 200: sessionInfoSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = userActor(request.actor);
      const user = await findUserById(ctx.db, actor.id);
      if (!user) throw new AppError('unauthenticated', 'Sign in or send an API key');
      return sessionInfo(ctx, user, actor.csrfToken);
    },
  );

  app.patch(
    '/api/auth/me',
    {
      onRequest: access.requireUser,
      schema: {
        tags,
        summary: 'Change your name, language or password',
        description: 'A new password needs currentPassword; it signs out your other sessions.',
        body: z.object({
          name: nameSchema.optional(),
          locale: localeSchema.optional(),
          currentPassword: z.string().max(200).optional(),
          newPassword: passwordSchema.optional(),
        }),
        response: { 200: userSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => updateOwnProfile(ctx, userActor(request.actor), request.body),
  );
}

function userActor(actor: Actor | null): Extract<Actor, { type: 'user' }> {
  if (actor?.type !== 'user') throw new Error('requireUser did not run');
  return actor;
}
