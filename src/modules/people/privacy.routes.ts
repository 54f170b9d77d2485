import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses } from '../workspace/workspace.schemas.js';
import { auditActor } from './acting.js';
import { customerParams, eraseSchema, erasureSchema } from './customer.schemas.js';
import { requireVisiblePerson } from './customer-scope.js';
import type { PeopleContext } from './people.context.js';
import { erasePerson } from './privacy.erase.js';
import { exportPerson } from './privacy.export.js';

const tags = ['customers'];

/** PIPL: a person's data export and erasure, both audited. */
export function registerPrivacyRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/customers/:personId/export',
    {
      onRequest: requirePermission('customers.export'),
      schema: {
        tags,
        summary: 'Everything Siyu holds about a customer, as JSON (audited)',
        description:
          'Identities, tags, attributes, the whole timeline, merges and conflicts, and what other modules hold. Personal values are in the clear only with customers.pii. Without customers.all, a customer not followed by the caller’s own employees answers 404.',
        params: customerParams,
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const exported = await exportPerson(
        ctx,
        actingFor(request.auth, request),
        request.params.personId,
      );
      return reply
        .header('content-disposition', `attachment; filename="customer-${exported.person.id}.json"`)
        .send(exported);
    },
  );

  app.post(
    '/api/workspaces/:slug/customers/:personId/erase',
    {
      onRequest: requirePermission('customers.pii'),
      schema: {
        tags,
        summary: 'Erase a customer’s personal data (PIPL; audited, irreversible)',
        description:
          'Identities deleted (the same WeChat user coming back is a new customer), personal attributes deleted, name and avatar cleared, timeline events keep their type and time only. Tags and other attributes stay for anonymous statistics. Without customers.all, a customer not followed by the caller’s own employees answers 404 (nothing erased).',
        params: customerParams,
        body: eraseSchema,
        response: { 200: erasureSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const acting = actingFor(request.auth, request);
      return ctx.db.transaction().execute(async (trx) => {
        await requireVisiblePerson(ctx, acting, request.params.personId, { db: trx });
        return erasePerson(trx, ctx, {
          workspaceId: acting.workspaceId,
          personId: request.params.personId,
          by: auditActor(acting),
          reason: request.body.reason,
          request: acting.request,
        });
      });
    },
  );
}
