import type { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses } from '../workspace/workspace.schemas.js';
import {
  customerCountSchema,
  customerFilterSchema,
  customerListQuery,
  customerPageSchema,
  customerSearchSchema,
  type CustomerSearch,
} from './customer-list.schemas.js';
import { countCustomers, searchCustomers } from './customer-list.service.js';
import { registerCustomerExportRoutes } from './customer-export.routes.js';
import type { PeopleContext } from './people.context.js';

const tags = ['customers'];

const scopeNote =
  'Without customers.all only customers followed by the caller’s own employees (active friendships) are listed. Phones are masked without customers.pii. Unknown tags and attribute conditions that do not fit their attribute answer 400 with one detail per problem.';

/** The customer list: search (POST, every filter), simple GET, counts, CSV export. */
export function registerCustomerListRoutes(app: HttpServer, ctx: PeopleContext): void {
  registerCustomerExportRoutes(app, ctx);

  app.post(
    '/api/workspaces/:slug/customers/search',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Search customers: filters, sort, keyset pages',
        description: scopeNote,
        body: customerSearchSchema,
        response: { 200: customerPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => searchCustomers(ctx, actingFor(request.auth, request), request.body),
  );

  app.get(
    '/api/workspaces/:slug/customers',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'List customers (simple filters as query parameters)',
        description: `Lists are comma-separated; sort=addedAt|createdAt|name|updatedAt with order=asc|desc. Attribute conditions need POST /customers/search. ${scopeNote}`,
        querystring: customerListQuery,
        response: { 200: customerPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      searchCustomers(
        ctx,
        actingFor(request.auth, request),
        queryToSearch(request.query),
        'querystring',
      ),
  );

  app.post(
    '/api/workspaces/:slug/customers/count',
    {
      onRequest: requirePermission('customers.read'),
      schema: {
        tags,
        summary: 'Count the customers a filter matches',
        description: scopeNote,
        body: customerFilterSchema,
        response: { 200: customerCountSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      count: await countCustomers(ctx, actingFor(request.auth, request), request.body),
    }),
  );
}

function queryToSearch(query: z.output<typeof customerListQuery>): CustomerSearch {
  const { tagsAll, tagsAny, tagsNone, sort, order, ...rest } = query;
  return {
    ...rest,
    ...(tagsAll || tagsAny || tagsNone
      ? { tags: { all: tagsAll, any: tagsAny, none: tagsNone } }
      : {}),
    ...(sort || order
      ? { sort: { field: sort ?? 'addedAt', order: order ?? (sort === 'name' ? 'asc' : 'desc') } }
      : {}),
  };
}
