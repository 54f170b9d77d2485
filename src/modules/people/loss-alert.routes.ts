import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, slugParams } from '../workspace/workspace.schemas.js';
import {
  listLossAlertsQuery,
  lossAlertPageSchema,
  lossAlertParams,
  lossAlertSchema,
} from './loss-alert.schemas.js';
import { handleLossAlert, listLossAlertsFor } from './loss-alert.service.js';
import type { PeopleContext } from './people.context.js';

const tags = ['loss alerts'];

/** 流失提醒: customers who deleted an employee, to follow up and mark handled. */
export function registerLossAlertRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.get(
    '/api/workspaces/:slug/loss-alerts',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Loss alerts (a customer deleted an employee), newest first',
        description:
          'Without customers.all, only alerts of the employees linked to the caller. Keyset pagination: pass nextCursor as cursor.',
        params: slugParams,
        querystring: listLossAlertsQuery,
        response: { 200: lossAlertPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listLossAlertsFor(ctx, actingFor(request.auth, request), request.query),
  );

  app.post(
    '/api/workspaces/:slug/loss-alerts/:alertId/handle',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Mark a loss alert handled (audited; again: no change)',
        params: lossAlertParams,
        response: { 200: lossAlertSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      handleLossAlert(ctx, actingFor(request.auth, request), request.params.alertId),
  );
}
