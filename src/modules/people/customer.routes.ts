import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses } from '../workspace/workspace.schemas.js';
import { personAttributeSchema, setAttributesSchema } from './attribute.schemas.js';
import { personEventToTimelineEvent } from './customer.mapping.js';
import {
  customerParams,
  customerProfileSchema,
  timelinePageSchema,
  timelineQuery,
} from './customer.schemas.js';
import { updateCustomerAttributes, updateCustomerTags } from './customer.service.js';
import { loadCustomerProfile } from './customer-profile.service.js';
import { requireVisiblePerson } from './customer-scope.js';
import { registerCustomerListRoutes } from './customer-list.routes.js';
import type { PeopleContext } from './people.context.js';
import { changePersonTagsSchema, personTagSchema } from './tag.schemas.js';
import { listTimeline } from './timeline.service.js';

const tags = ['customers'];

/** The customer profile and its editable parts. */
export function registerCustomerRoutes(app: HttpServer, ctx: PeopleContext): void {
  registerCustomerListRoutes(app, ctx);

  app.get(
    '/api/workspaces/:slug/customers/:personId',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary:
          'A customer’s profile: identities, followers, OA subscriptions, tags, attributes, recent timeline, merges',
        description:
          'An id that was merged into another person answers with the live person (requestedId says which id was asked for). Phones, emails and personal attributes are masked without customers.pii. Without customers.all, customers not followed by the caller’s own employees answer 404 (here and on the timeline, tags and attributes).',
        params: customerParams,
        response: { 200: customerProfileSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      loadCustomerProfile(ctx, actingFor(request.auth, request), request.params.personId),
  );

  app.get(
    '/api/workspaces/:slug/customers/:personId/timeline',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'A customer’s timeline, newest first (keyset pagination)',
        params: customerParams,
        querystring: timelineQuery,
        response: { 200: timelinePageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { before, limit, types } = request.query;
      await requireVisiblePerson(ctx, actingFor(request.auth, request), request.params.personId);
      const page = await listTimeline(ctx, request.auth.workspace.id, request.params.personId, {
        before,
        limit,
        types: types?.split(',').filter((type) => type !== ''),
      });
      return { items: page.items.map(personEventToTimelineEvent), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/workspaces/:slug/customers/:personId/tags',
    {
      onRequest: requirePermission('customers.write'),
      schema: {
        tags,
        summary: 'Add and remove tags on a customer',
        description:
          'Changes publish person.tag_added / person.tag_removed (corp tags are then marked in WeCom by the sync) and appear on the timeline. Answers the customer’s tags.',
        params: customerParams,
        body: changePersonTagsSchema,
        response: {
          200: z.object({ items: z.array(personTagSchema) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => ({
      items: await updateCustomerTags(
        ctx,
        actingFor(request.auth, request),
        request.params.personId,
        request.body,
      ),
    }),
  );

  app.put(
    '/api/workspaces/:slug/customers/:personId/attributes',
    {
      onRequest: requirePermission('customers.write'),
      schema: {
        tags,
        summary: 'Set a customer’s attributes',
        description:
          '`{"key": value}`; null clears. Each value is validated against its attribute definition; when any fails nothing changes and the 400 error lists each field with what it expected. Answers the customer’s attributes.',
        params: customerParams,
        body: setAttributesSchema,
        response: {
          200: z.object({ items: z.array(personAttributeSchema) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => ({
      items: await updateCustomerAttributes(
        ctx,
        actingFor(request.auth, request),
        request.params.personId,
        request.body,
      ),
    }),
  );
}
