import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { actingFor } from '../workspace/actor.js';
import { errorResponses, slugParams } from '../workspace/workspace.schemas.js';
import {
  departmentSchema,
  directorySyncCountsSchema,
  employeeListQuery,
  employeePageSchema,
  employeeParams,
  employeeSchema,
  linkEmployeeSchema,
} from './employee.schemas.js';
import {
  linkEmployeeAccount,
  listDepartments,
  listEmployees,
  syncDirectoryAs,
} from './employee.service.js';
import type { EmployeesContext } from './employees.context.js';

const tags = ['employees'];

/** The corp's staff and departments as WeCom knows them, under /api/workspaces/:slug. */
export function registerEmployeeRoutes(app: HttpServer, ctx: EmployeesContext): void {
  app.get(
    '/api/workspaces/:slug/employees',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'Employees by name (keyset pagination), with filters and customer counts',
        params: slugParams,
        querystring: employeeListQuery,
        response: { 200: employeePageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listEmployees(ctx, request.auth.workspace.id, request.query),
  );

  app.get(
    '/api/workspaces/:slug/departments',
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'Departments of the WeCom directory with their member counts',
        params: slugParams,
        response: {
          200: z.object({ items: z.array(departmentSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await listDepartments(ctx, request.auth.workspace.id) }),
  );

  app.post(
    '/api/workspaces/:slug/employees/sync',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Read the WeCom directory now (departments, members, customer-contact permission)',
        description: 'Members no longer listed become resigned. 409 without a WeCom connection.',
        params: slugParams,
        response: { 200: directorySyncCountsSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => syncDirectoryAs(ctx, actingFor(request.auth, request)),
  );

  app.patch(
    '/api/workspaces/:slug/employees/:employeeId',
    {
      onRequest: requirePermission('users.manage'),
      schema: {
        tags,
        summary: 'Link a console user to the employee (sales then see the employee’s customers)',
        params: employeeParams,
        body: linkEmployeeSchema,
        response: { 200: employeeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      linkEmployeeAccount(
        ctx,
        actingFor(request.auth, request),
        request.params.employeeId,
        request.body.userAccountId,
      ),
  );
}
