import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from './access.js';
import { listAuditEntries, type AuditCursor } from './audit.store.js';
import type { WorkspaceContext } from './workspace.context.js';
import { auditRowToEntry } from './workspace.mapping.js';
import { auditEntrySchema, errorResponses, slugParams } from './workspace.schemas.js';

const encodeCursor = (c: AuditCursor) =>
  Buffer.from(`${c.createdAt}:${c.id}`, 'utf8').toString('base64url');

function decodeCursor(value: string): AuditCursor {
  const [createdAt, id] = Buffer.from(value, 'base64url').toString('utf8').split(':');
  if (!createdAt || !id || !/^\d+$/.test(createdAt)) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'querystring/before', message: 'not a cursor returned by this endpoint' },
    ]);
  }
  return { createdAt: Number(createdAt), id };
}

export function registerAuditRoutes(app: HttpServer, ctx: WorkspaceContext): void {
  app.get(
    '/api/workspaces/:slug/audit-log',
    {
      onRequest: requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'Who changed what, newest first',
        description: 'Pass nextCursor as `before` to get the following page; null at the end.',
        params: slugParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.string().min(1).optional(),
        }),
        response: {
          200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const rows = await listAuditEntries(ctx.db, request.auth.workspace.id, {
        limit: limit + 1,
        ...(before ? { before: decodeCursor(before) } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(auditRowToEntry),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ createdAt: Number(last.created_at), id: last.id })
            : null,
      };
    },
  );
}
