import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server.js';
import { requirePermission } from '../../workspace/access.js';
import { actingFor } from '../../workspace/actor.js';
import { errorResponses, slugParams } from '../../workspace/workspace.schemas.js';
import { importRunParams, importRunSchema, listImportRunsQuery } from './import-run.schemas.js';
import {
  cancelImportRun,
  getImportRun,
  listRecentImportRuns,
  startWecomImport,
} from './import.service.js';
import type { ImportDeps } from './import.sources.js';

const tags = ['imports'];

/**
 * Imports. Starting and cancelling need `connections.manage`: an import pulls the whole
 * corp (employees, tags, every customer) through the workspace's connection, an admin's
 * act. Watching needs `customers.read`.
 */
export function registerImportRoutes(app: HttpServer, deps: ImportDeps): void {
  app.post(
    '/api/workspaces/:slug/imports/wecom',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary:
          'Start the WeCom import (employees, tags, customers, follows), or get the one running',
        description:
          '201 with a new run; 200 with the run already queued or running (one per workspace). 409 without a WeCom connection.',
        params: slugParams,
        response: {
          200: importRunSchema,
          201: importRunSchema,
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { run, created } = await startWecomImport(deps, actingFor(request.auth, request));
      return reply.status(created ? 201 : 200).send(run);
    },
  );

  app.get(
    '/api/workspaces/:slug/imports',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Recent imports, newest first',
        params: slugParams,
        querystring: listImportRunsQuery,
        response: {
          200: z.object({ items: z.array(importRunSchema) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: await listRecentImportRuns(deps, request.auth.workspace.id, request.query.limit),
    }),
  );

  app.get(
    '/api/workspaces/:slug/imports/:runId',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'One import: status, phase, counts and progress',
        params: importRunParams,
        response: { 200: importRunSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => getImportRun(deps, request.auth.workspace.id, request.params.runId),
  );

  app.post(
    '/api/workspaces/:slug/imports/:runId/cancel',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Cancel a queued or running import (what it imported stays)',
        params: importRunParams,
        response: { 200: importRunSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      cancelImportRun(deps, actingFor(request.auth, request), request.params.runId),
  );
}
