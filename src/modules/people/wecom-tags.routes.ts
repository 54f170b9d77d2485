import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { errorResponses, noContent, slugParams } from '../workspace/workspace.schemas.js';
import type { PeopleContext } from './people.context.js';
import { iso } from './tag.mapping.js';
import { listOpenTagSyncIssues, resolveTagSyncIssue } from './wecom-tags.issues.js';
import { pullCorpTags } from './wecom-tags.pull.js';
import { pullResultSchema, tagSyncIssueSchema } from './wecom-tags.schemas.js';
import type { TagSyncIssueRow } from './wecom-tags.table.js';

const tags = ['tags'];

const issueRowToIssue = (row: TagSyncIssueRow) => ({
  id: row.id,
  tagId: row.tag_id,
  groupId: row.group_id,
  name: row.name,
  kind: row.kind,
  message: row.message,
  createdAt: iso(row.created_at),
});

/** The WeCom tag sync's problems (for the console) and a pull on demand. */
export function registerWecomTagRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/tag-sync-issues',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Open problems of the corp-tag sync with WeCom, newest first',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(tagSyncIssueSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: (await listOpenTagSyncIssues(ctx.db, request.auth.workspace.id)).map(issueRowToIssue),
    }),
  );

  app.post(
    '/api/workspaces/:slug/tag-sync-issues/:issueId/resolve',
    {
      onRequest: requirePermission('tags.manage'),
      schema: {
        tags,
        summary: 'Dismiss a tag sync problem',
        params: slugParams.extend({ issueId: z.string() }),
        response: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const done = await resolveTagSyncIssue(
        ctx.db,
        request.auth.workspace.id,
        request.params.issueId,
        ctx.clock.now(),
      );
      if (!done) throw new AppError('not_found', 'Tag sync issue not found');
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/workspaces/:slug/tag-sync/pull',
    {
      onRequest: requirePermission('tags.manage'),
      schema: {
        tags,
        summary: 'Pull the corp tag library from WeCom now',
        params: slugParams,
        response: { 200: pullResultSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => pullCorpTags(ctx, request.auth.workspace.id),
  );
}
