import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server.js';
import { requirePermission } from '../../workspace/access.js';
import { errorResponses, slugParams } from '../../workspace/workspace.schemas.js';
import { publicBase } from '../callback-url.js';
import { connectionParams } from '../connection.schemas.js';
import { checkStatuses, doctorLangs, type DoctorLang } from './check.js';
import { diagnoseConnection, diagnoseWorkspace, type DoctorContext } from './doctor.service.js';

const tags = ['connections'];
const statusSchema = z.enum(checkStatuses);

export const doctorReportSchema = z.object({
  connectionId: z.string(),
  kind: z.enum(['wecom', 'oa', 'miniprogram']),
  appId: z.string(),
  displayName: z.string(),
  status: statusSchema,
  checks: z.array(
    z.object({
      id: z.string().describe('Stable, e.g. wecom.token, wecom.customer_contact, oa.menu'),
      status: statusSchema,
      title: z.string(),
      detail: z.string(),
      fix: z.string().nullable(),
    }),
  ),
});

const langQuery = z.object({
  lang: z
    .enum(doctorLangs)
    .optional()
    .describe("Language of the report; default: the user's locale, else zh-CN"),
});

export function registerDoctorRoutes(
  app: HttpServer,
  ctx: DoctorContext,
  config: { readonly publicUrl: string | null },
): void {
  const addressOf = (request: FastifyRequest) => ({
    workspaceSlug: request.auth.workspace.slug,
    base: publicBase(config.publicUrl, { protocol: request.protocol, host: request.host }),
  });
  const langOf = (request: FastifyRequest, asked: DoctorLang | undefined): DoctorLang => {
    const actor = request.auth.actor;
    return asked ?? (actor.type === 'user' ? actor.locale : 'zh-CN');
  };
  const description =
    'Calls the WeCom / WeChat APIs with the stored credentials (token, customer-contact permission, address-book visibility, menu API, Mini Program login) and reads whether callbacks arrive. Each check says what is wrong and where to fix it.';

  app.get(
    '/api/workspaces/:slug/connections/doctor',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Check the setup of every connection of the workspace',
        description,
        params: slugParams,
        querystring: langQuery,
        response: {
          200: z.object({ items: z.array(doctorReportSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: await diagnoseWorkspace(
        ctx,
        request.auth.workspace.id,
        addressOf(request),
        langOf(request, request.query.lang),
      ),
    }),
  );

  app.get(
    '/api/workspaces/:slug/connections/:id/doctor',
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Check the setup of one connection',
        description,
        params: connectionParams,
        querystring: langQuery,
        response: { 200: doctorReportSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      diagnoseConnection(
        ctx,
        request.auth.workspace.id,
        request.params.id,
        addressOf(request),
        langOf(request, request.query.lang),
      ),
  );
}
