import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from './access.js';
import { actingFor } from './actor.js';
import { createApiKey, listWorkspaceApiKeys, revokeWorkspaceApiKey } from './api-key.service.js';
import type { WorkspaceContext } from './workspace.context.js';
import {
  apiKeyRoleSchema,
  apiKeySchema,
  createdApiKeySchema,
  errorResponses,
  nameSchema,
  noContent,
  slugParams,
} from './workspace.schemas.js';

const tags = ['api-keys'];

export function registerApiKeyRoutes(app: HttpServer, ctx: WorkspaceContext): void {
  app.get(
    '/api/workspaces/:slug/api-keys',
    {
      onRequest: requirePermission('api_keys.manage'),
      schema: {
        tags,
        summary: 'The API keys of the workspace, revoked ones included',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(apiKeySchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listWorkspaceApiKeys(ctx, request.auth.workspace.id) }),
  );

  app.post(
    '/api/workspaces/:slug/api-keys',
    {
      onRequest: requirePermission('api_keys.manage'),
      schema: {
        tags,
        summary: 'Create an API key; the response shows the key once',
        description: 'Send it as `Authorization: Bearer <key>`; such requests need no CSRF token.',
        params: slugParams,
        body: z.object({ name: nameSchema, role: apiKeyRoleSchema }),
        response: { 201: createdApiKeySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createApiKey(ctx, actingFor(request.auth, request), request.body)),
  );

  app.delete(
    '/api/workspaces/:slug/api-keys/:id',
    {
      onRequest: requirePermission('api_keys.manage'),
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: slugParams.extend({ id: z.string() }),
        response: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeWorkspaceApiKey(ctx, actingFor(request.auth, request), request.params.id);
      return reply.status(204).send();
    },
  );
}
