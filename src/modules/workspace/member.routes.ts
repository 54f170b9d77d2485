import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from './access.js';
import { actingFor } from './actor.js';
import { addMember, listWorkspaceMembers, removeMember, updateMember } from './member.service.js';
import type { WorkspaceContext } from './workspace.context.js';
import {
  emailSchema,
  errorResponses,
  memberSchema,
  nameSchema,
  noContent,
  passwordSchema,
  roleSchema,
  slugParams,
  statusSchema,
} from './workspace.schemas.js';

const tags = ['users'];
const userParams = slugParams.extend({ userId: z.string() });

export function registerMemberRoutes(app: HttpServer, ctx: WorkspaceContext): void {
  app.get(
    '/api/workspaces/:slug/users',
    {
      onRequest: requirePermission('users.read'),
      schema: {
        tags,
        summary: 'The console users of the workspace',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(memberSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listWorkspaceMembers(ctx, request.auth.workspace.id) }),
  );

  app.post(
    '/api/workspaces/:slug/users',
    {
      onRequest: requirePermission('users.manage'),
      schema: {
        tags,
        summary: 'Add a user to the workspace',
        description:
          'A new email creates the account with this password (required then). An email ' +
          'that already has an account only gains a membership: its name and password stay ' +
          'as they are. 409 when already a member. Granting owner needs owners.manage.',
        params: slugParams,
        body: z.object({
          email: emailSchema,
          name: nameSchema,
          role: roleSchema,
          password: passwordSchema.optional(),
        }),
        response: { 201: memberSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMember(ctx, actingFor(request.auth, request), request.body)),
  );

  app.patch(
    '/api/workspaces/:slug/users/:userId',
    {
      onRequest: requirePermission('users.manage'),
      schema: {
        tags,
        summary: 'Rename a user, change their role or disable them in this workspace',
        description:
          'Changing an owner or granting owner needs owners.manage; the last active owner ' +
          'cannot be demoted or disabled (409).',
        params: userParams,
        body: z.object({
          name: nameSchema.optional(),
          role: roleSchema.optional(),
          status: statusSchema.optional(),
        }),
        response: { 200: memberSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateMember(ctx, actingFor(request.auth, request), request.params.userId, request.body),
  );

  app.delete(
    '/api/workspaces/:slug/users/:userId',
    {
      onRequest: requirePermission('users.manage'),
      schema: {
        tags,
        summary: 'Remove a user from the workspace (their account stays)',
        params: userParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeMember(ctx, actingFor(request.auth, request), request.params.userId);
      return reply.status(204).send();
    },
  );
}
