import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission, type Access } from './access.js';
import { actingFor } from './actor.js';
import { roles, rolePermissions } from './permissions.js';
import type { WorkspaceContext } from './workspace.context.js';
import {
  errorResponses,
  nameSchema,
  permissionSchema,
  roleSchema,
  slugParams,
  slugSchema,
  workspaceDetailSchema,
  workspaceSummarySchema,
} from './workspace.schemas.js';
import { createWorkspace, listWorkspacesOf, renameWorkspace } from './workspace.service.js';

const tags = ['workspaces'];

export function registerWorkspaceRoutes(
  app: HttpServer,
  ctx: WorkspaceContext,
  access: Access,
): void {
  app.get(
    '/api/workspaces',
    {
      schema: {
        tags,
        summary: 'The workspaces you belong to, with your role in each',
        response: {
          200: z.object({ items: z.array(workspaceSummarySchema) }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => ({ items: await listWorkspacesOf(ctx, await access.authenticate(request)) }),
  );

  app.post(
    '/api/workspaces',
    {
      onRequest: access.requireUser,
      schema: {
        tags,
        summary: 'Create a workspace; you become its owner',
        body: z.object({ slug: slugSchema, name: nameSchema }),
        response: { 201: workspaceSummarySchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const workspace = await createWorkspace(
        ctx,
        actor,
        { ...request.body, ownerUserId: actor.id },
        request,
      );
      return reply.status(201).send({
        id: workspace.id,
        slug: workspace.slug,
        name: workspace.name,
        role: 'owner' as const,
      });
    },
  );

  app.get(
    '/api/workspaces/:slug',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'A workspace, with your role and permissions in it',
        params: slugParams,
        response: { 200: workspaceDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace, role, permissions } = request.auth;
      return { ...workspace, role, permissions: [...permissions] };
    },
  );

  app.patch(
    '/api/workspaces/:slug',
    {
      onRequest: requirePermission('workspace.manage'),
      schema: {
        tags,
        summary: 'Rename a workspace',
        params: slugParams,
        body: z.object({ name: nameSchema }),
        response: { 200: workspaceDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { role, permissions } = request.auth;
      const renamed = await renameWorkspace(
        ctx,
        actingFor(request.auth, request),
        request.body.name,
      );
      return {
        id: renamed.id,
        slug: renamed.slug,
        name: renamed.name,
        role,
        permissions: [...permissions],
      };
    },
  );

  app.get(
    '/api/workspaces/:slug/roles',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'The roles and the permissions each grants',
        params: slugParams,
        response: {
          200: z.object({
            items: z.array(z.object({ role: roleSchema, permissions: z.array(permissionSchema) })),
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async () => ({
      items: roles.map((role) => ({ role, permissions: [...rolePermissions[role]] })),
    }),
  );
}
