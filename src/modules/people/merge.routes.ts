import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, slugParams } from '../workspace/workspace.schemas.js';
import { auditActor, revealsPii } from './acting.js';
import { listIdentityConflicts, resolveIdentityConflict } from './conflict.service.js';
import { customerParams } from './customer.schemas.js';
import {
  requireSettleableConflict,
  requireVisibleMerge,
  requireVisiblePerson,
} from './customer-scope.js';
import { explainMerge, mergeHistory } from './merge.explain.js';
import {
  conflictSchema,
  listConflictsQuery,
  mergeSchema,
  resolveConflictSchema,
} from './merge.schemas.js';
import type { PeopleContext } from './people.context.js';
import { undoMerge } from './unmerge.service.js';

const tags = ['identity'];
const mergeParams = slugParams.extend({ mergeId: z.string() });
const conflictParams = slugParams.extend({ conflictId: z.string() });
const scopeNote =
  'Without customers.all, answers 404 unless the customer (for a merge: either of its persons as they are now) is followed by one of the caller’s own employees.';

/** Merge review: conflicts to settle, merges to explain and undo. */
export function registerMergeRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/identity-conflicts',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Would-be merges held for review, newest first',
        description:
          'Without customers.all, only conflicts whose two customers are both followed by the caller’s own employees.',
        params: slugParams,
        querystring: listConflictsQuery,
        response: {
          200: z.object({ items: z.array(conflictSchema), nextCursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      listIdentityConflicts(
        ctx,
        actingFor(request.auth, request),
        request.query,
        revealsPii(request.auth),
      ),
  );

  app.post(
    '/api/workspaces/:slug/identity-conflicts/:conflictId/resolve',
    {
      onRequest: requirePermission('customers.write'),
      schema: {
        tags,
        summary: 'Merge the two persons of a conflict, or dismiss it',
        description:
          'Without customers.all, answers 404 unless both persons (as they are now) are followed by the caller’s own employees.',
        params: conflictParams,
        body: resolveConflictSchema,
        response: { 200: conflictSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const acting = actingFor(request.auth, request);
      await requireSettleableConflict(ctx, acting, request.params.conflictId);
      return resolveIdentityConflict(
        ctx,
        acting,
        request.params.conflictId,
        request.body.action,
        revealsPii(request.auth),
      );
    },
  );

  app.get(
    '/api/workspaces/:slug/customers/:personId/merges',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'The merges of a customer, explained, newest first',
        description: scopeNote,
        params: customerParams,
        response: {
          200: z.object({ items: z.array(mergeSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const acting = actingFor(request.auth, request);
      const person = await requireVisiblePerson(ctx, acting, request.params.personId);
      return {
        items: await mergeHistory(ctx, acting.workspaceId, person.id, {
          reveal: revealsPii(request.auth),
        }),
      };
    },
  );

  app.get(
    '/api/workspaces/:slug/merges/:mergeId',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'One merge: why, what moved, whether undone',
        description: scopeNote,
        params: mergeParams,
        response: { 200: mergeSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const acting = actingFor(request.auth, request);
      await requireVisibleMerge(ctx, acting, request.params.mergeId);
      return explainMerge(ctx, acting.workspaceId, request.params.mergeId, {
        reveal: revealsPii(request.auth),
      });
    },
  );

  app.post(
    '/api/workspaces/:slug/merges/:mergeId/undo',
    {
      onRequest: requirePermission('customers.write'),
      schema: {
        tags,
        summary: 'Undo a merge: the merged-away person gets back everything that is theirs',
        description: scopeNote,
        params: mergeParams,
        response: { 200: mergeSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const acting = actingFor(request.auth, request);
      await ctx.db.transaction().execute(async (trx) => {
        await requireVisibleMerge(ctx, acting, request.params.mergeId, trx);
        await undoMerge(trx, ctx, {
          workspaceId: acting.workspaceId,
          mergeId: request.params.mergeId,
          by: auditActor(acting),
          request: acting.request,
        });
      });
      return explainMerge(ctx, acting.workspaceId, request.params.mergeId, {
        reveal: revealsPii(request.auth),
      });
    },
  );
}
