import { Readable } from 'node:stream';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses } from '../workspace/workspace.schemas.js';
import { exportLocales } from './customer-export.labels.js';
import { exportCustomers } from './customer-export.service.js';
import { customerFilterSchema } from './customer-list.schemas.js';
import type { PeopleContext } from './people.context.js';

export function registerCustomerExportRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.post(
    '/api/workspaces/:slug/customers/export',
    {
      onRequest: requirePermission('customers.export'),
      schema: {
        tags: ['customers'],
        summary: 'Export the customers a filter matches as CSV',
        description:
          "Streams `text/csv; charset=utf-8` with a byte order mark (Excel opens Chinese text correctly): id, name, phones, tags, employees, added at (ISO 8601), follows OA, then one column per attribute. Headers in the `lang` language (default: the caller’s). Phones and personal attributes are masked without customers.pii; cells that a spreadsheet would run as formulas start with `'`. Same scope as the list. Audited with the filter and the number of rows.",
        querystring: z.strictObject({ lang: z.enum(exportLocales).optional() }),
        body: customerFilterSchema,
        response: {
          200: z.string().describe('The CSV (text/csv; charset=utf-8)'),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { actor } = request.auth;
      const locale = request.query.lang ?? (actor.type === 'user' ? actor.locale : 'zh-CN');
      const csv = await exportCustomers(
        ctx,
        actingFor(request.auth, request),
        request.body,
        locale,
      );
      const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="customers-${day}.csv"`)
        .send(Readable.from(csv.chunks()) as unknown as string); // streamed, not serialized
    },
  );
}
