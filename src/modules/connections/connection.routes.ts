import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, noContent, slugParams } from '../workspace/workspace.schemas.js';
import { publicBase } from './callback-url.js';
import { connectionRowToConnection, type CallbackAddress } from './connection.mapping.js';
import {
  connectionParams,
  connectionSchema,
  createConnectionSchema,
  updateConnectionSchema,
} from './connection.schemas.js';
import {
  createConnection,
  getConnection,
  listConnections,
  removeConnection,
  updateConnectionSettings,
} from './connection.service.js';
import type { ConnectionRow } from './connection.table.js';
import type { ConnectionsContext } from './connections.context.js';

const tags = ['connections'];

export function registerConnectionRoutes(
  app: HttpServer,
  ctx: ConnectionsContext,
  config: { readonly publicUrl: string | null },
): void {
  const toApi = (request: FastifyRequest, row: ConnectionRow) => {
    const address: CallbackAddress = {
      workspaceSlug: request.auth.workspace.slug,
      base: publicBase(config.publicUrl, { protocol: request.protocol, host: request.host }),
    };
    return connectionRowToConnection(row, ctx.secretBox, address);
  };

  app.get(
    '/api/workspaces/:slug/connections',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'The WeCom corp, Official Accounts and Mini Programs of the workspace',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(connectionSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: (await listConnections(ctx, request.auth.workspace.id)).map((row) =>
        toApi(request, row),
      ),
    }),
  );

  app.post(
    '/api/workspaces/:slug/connections',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Connect a WeCom corp, an Official Account or a Mini Program',
        description:
          'Credentials are stored encrypted and never returned. The response carries the callback URL to paste into the WeCom / WeChat admin. One WeCom connection per workspace.',
        params: slugParams,
        body: createConnectionSchema,
        response: { 201: connectionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const row = await createConnection(ctx, actingFor(request.auth, request), request.body);
      return reply.status(201).send(toApi(request, row));
    },
  );

  app.get(
    '/api/workspaces/:slug/connections/:id',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'One connection, with its callback URL',
        params: connectionParams,
        response: { 200: connectionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      toApi(request, await getConnection(ctx, request.auth.workspace.id, request.params.id)),
  );

  app.patch(
    '/api/workspaces/:slug/connections/:id',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Change a connection or rotate its credentials',
        description: 'Only the fields sent change. The callback URL never changes.',
        params: connectionParams,
        body: updateConnectionSchema,
        response: { 200: connectionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      toApi(
        request,
        await updateConnectionSettings(
          ctx,
          actingFor(request.auth, request),
          request.params.id,
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/workspaces/:slug/connections/:id',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Disconnect: forget the credentials; callbacks to its URL are refused',
        params: connectionParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeConnection(ctx, actingFor(request.auth, request), request.params.id);
      return reply.status(204).send();
    },
  );
}
