import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, noContent, slugParams } from '../workspace/workspace.schemas.js';
import {
  attributeDefinitionSchema,
  createAttributeDefinitionSchema,
  updateAttributeDefinitionSchema,
} from './attribute.schemas.js';
import {
  createAttributeDefinition,
  deleteAttributeDefinition,
  listAttributeDefinitions,
  updateAttributeDefinition,
} from './attribute.service.js';
import type { PeopleContext } from './people.context.js';

const tags = ['attributes'];
const definitionParams = slugParams.extend({ attributeId: z.string() });

/** The custom attributes of customers (the schema; values are set on each customer). */
export function registerAttributeRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/attribute-definitions',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'The custom attributes of customers',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(attributeDefinitionSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listAttributeDefinitions(ctx, request.auth.workspace.id) }),
  );

  app.post(
    '/api/workspaces/:slug/attribute-definitions',
    {
      onRequest: requirePermission('tags.manage'),
      schema: {
        tags,
        summary: 'Define a custom attribute (text, number, date, enum, boolean)',
        description: 'The key, type and pii flag are fixed once created.',
        params: slugParams,
        body: createAttributeDefinitionSchema,
        response: { 201: attributeDefinitionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAttributeDefinition(ctx, actingFor(request.auth, request), request.body)),
  );

  app.patch(
    '/api/workspaces/:slug/attribute-definitions/:attributeId',
    {
      onRequest: requirePermission('tags.manage'),
      schema: {
        tags,
        summary: 'Change an attribute’s label or enum options',
        params: definitionParams,
        body: updateAttributeDefinitionSchema,
        response: { 200: attributeDefinitionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      updateAttributeDefinition(
        ctx,
        actingFor(request.auth, request),
        request.params.attributeId,
        request.body,
      ),
  );

  app.delete(
    '/api/workspaces/:slug/attribute-definitions/:attributeId',
    {
      onRequest: requirePermission('tags.manage'),
      schema: {
        tags,
        summary: 'Delete an attribute and its value on every customer',
        params: definitionParams,
        response: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteAttributeDefinition(
        ctx,
        actingFor(request.auth, request),
        request.params.attributeId,
      );
      return reply.status(204).send();
    },
  );
}
