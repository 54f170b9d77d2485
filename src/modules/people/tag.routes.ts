import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, noContent, slugParams } from '../workspace/workspace.schemas.js';
import type { PeopleContext } from './people.context.js';
import {
  createTagGroupSchema,
  createTagSchema,
  tagGroupSchema,
  tagSchema,
  updateTagGroupSchema,
  updateTagSchema,
} from './tag.schemas.js';
import {
  createTag,
  createTagGroup,
  deleteTag,
  deleteTagGroup,
  listTagGroups,
  updateTag,
  updateTagGroup,
} from './tag.service.js';

const tags = ['tags'];
const groupParams = slugParams.extend({ groupId: z.string() });
const tagParams = slugParams.extend({ tagId: z.string() });

/** Changes to the tag library need `tags.manage`, and are made as the signed-in user. */
const managing = { onRequest: requirePermission('tags.manage') };
const acting = (request: FastifyRequest) => actingFor(request.auth, request);
/** What a create or a rename / reorder may answer besides the tag or group. */
const changeErrors = errorResponses(400, 401, 403, 404, 409);
const deleteErrors = errorResponses(401, 403, 404);

export function registerTagRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/tag-groups',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Tag groups with their tags, in display order',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(tagGroupSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listTagGroups(ctx, request.auth.workspace.id) }),
  );

  app.post(
    '/api/workspaces/:slug/tag-groups',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Create a tag group (and its first tags)',
        params: slugParams,
        body: createTagGroupSchema,
        response: { 201: tagGroupSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTagGroup(ctx, acting(request), request.body)),
  );

  app.patch(
    '/api/workspaces/:slug/tag-groups/:groupId',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Rename or reorder a tag group',
        params: groupParams,
        body: updateTagGroupSchema,
        response: { 200: tagGroupSchema, ...changeErrors },
      },
    },
    async (request) => updateTagGroup(ctx, acting(request), request.params.groupId, request.body),
  );

  app.delete(
    '/api/workspaces/:slug/tag-groups/:groupId',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Delete a tag group and its tags (removed from every customer)',
        params: groupParams,
        response: { 204: noContent, ...deleteErrors },
      },
    },
    async (request, reply) => {
      await deleteTagGroup(ctx, acting(request), request.params.groupId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/workspaces/:slug/tag-groups/:groupId/tags',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Create a tag in a group',
        params: groupParams,
        body: createTagSchema,
        response: { 201: tagSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTag(ctx, acting(request), request.params.groupId, request.body)),
  );

  app.patch(
    '/api/workspaces/:slug/tags/:tagId',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Rename or reorder a tag',
        params: tagParams,
        body: updateTagSchema,
        response: { 200: tagSchema, ...changeErrors },
      },
    },
    async (request) => updateTag(ctx, acting(request), request.params.tagId, request.body),
  );

  app.delete(
    '/api/workspaces/:slug/tags/:tagId',
    {
      ...managing,
      schema: {
        tags,
        summary: 'Delete a tag (removed from every customer)',
        params: tagParams,
        response: { 204: noContent, ...deleteErrors },
      },
    },
    async (request, reply) => {
      await deleteTag(ctx, acting(request), request.params.tagId);
      return reply.status(204).send();
    },
  );
}
