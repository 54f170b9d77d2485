import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { callbackUrlOf, publicBase } from '../connections/callback-url.js';
import type { ConnectionsContext } from '../connections/connections.context.js';
import { requirePermission } from '../workspace/access.js';
import { errorResponses, slugParams } from '../workspace/workspace.schemas.js';
import { customerActions, employeeActions, type SandboxAction } from './sandbox-actions.js';
import { forwardToSandbox, readAnswer, type SandboxRequest } from './sandbox-client.js';
import { callbackRouting, connectCallbacks, type CallbackUrls } from './sandbox-callbacks.js';
import { detectSandbox, requireSandbox, type SandboxTarget } from './sandbox-mode.js';
import {
  actionResultSchema,
  customerListSchema,
  customerParams,
  employeeListSchema,
  employeeParams,
  listQuery,
  messageListSchema,
  messagesQuery,
  newCustomerSchema,
  receiverResultsSchema,
  sandboxCustomerSchema,
  sandboxModeSchema,
} from './sandbox-proxy.schemas.js';

const tags = ['sandbox'];
const base = '/api/workspaces/:slug/sandbox';
const readTimeoutMs = 10_000;
/** Actions wait until the callbacks they pushed are delivered (or have failed every retry). */
const actionTimeoutMs = 60_000;
const proxyErrors = errorResponses(400, 401, 403, 404, 503);

type Forward = <S extends z.ZodType>(
  request: FastifyRequest,
  schema: S,
  build: (target: SandboxTarget) => SandboxRequest,
) => Promise<z.infer<S>>;

const get = (path: string, query?: SandboxRequest['query']): SandboxRequest => ({
  method: 'GET',
  path,
  query,
  timeoutMs: readTimeoutMs,
});
const customerPath = (customer: string) => `/sandbox/customers/${encodeURIComponent(customer)}`;

/** The routes under /api/workspaces/:slug/sandbox: the sandbox's control API, for the console. */
export function registerSandboxProxyRoutes(
  app: HttpServer,
  ctx: ConnectionsContext,
  config: { readonly publicUrl: string | null },
): void {
  /** The callback URLs of the workspace's connections, as the Connections page shows them. */
  const callbackUrls = (request: FastifyRequest, target: SandboxTarget): CallbackUrls => {
    const { url } = publicBase(config.publicUrl, {
      protocol: request.protocol,
      host: request.host,
    });
    const slug = request.auth.workspace.slug;
    return {
      wecom: callbackUrlOf(url, slug, 'wecom', target.corpId)!,
      oa: target.oa ? callbackUrlOf(url, slug, 'oa', target.oa.app_id) : null,
    };
  };

  /** Forwards to the workspace's sandbox and reads its answer with the route's schema. */
  const forward: Forward = async (request, schema, build) => {
    const target = await requireSandbox(ctx, request.auth.workspace.id);
    const answer = await forwardToSandbox(target.baseUrl, build(target));
    return readAnswer(schema, answer.body);
  };

  app.get(
    base,
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'Whether the workspace is in sandbox mode, and which sandbox it uses',
        description:
          'Sandbox mode: the WeCom connection’s API base URL answers the sandbox control API (GET <base>/sandbox/employees?corpid=<corp ID> returns that corp). The real platforms are never probed.',
        params: slugParams,
        response: { 200: sandboxModeSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const detection = await detectSandbox(ctx, request.auth.workspace.id);
      if (!detection.enabled) return detection;
      const { target } = detection;
      return {
        enabled: true as const,
        baseUrl: target.baseUrl,
        corpId: target.corpId,
        corpName: target.corpName,
        officialAccountAppId: target.oa?.app_id ?? null,
        callbacks: await callbackRouting(target, callbackUrls(request, target)),
      };
    },
  );

  app.post(
    `${base}/receivers`,
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Have the sandbox push this workspace’s callbacks to Siyu',
        description:
          'What an admin does in the WeCom / WeChat admin: saves the connection’s callback URL, Token and EncodingAESKey in the sandbox, which verifies the URL (echostr) before keeping it.',
        params: slugParams,
        response: { 200: receiverResultsSchema, ...proxyErrors },
      },
    },
    async (request) => {
      const target = await requireSandbox(ctx, request.auth.workspace.id);
      const urls = callbackUrls(request, target);
      return { receivers: await connectCallbacks(target, ctx.secretBox, urls) };
    },
  );

  app.get(
    `${base}/customers`,
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'The simulated WeChat users',
        params: slugParams,
        querystring: listQuery,
        response: { 200: customerListSchema, ...proxyErrors },
      },
    },
    (request) =>
      forward(request, customerListSchema, () => get('/sandbox/customers', request.query)),
  );

  app.post(
    `${base}/customers`,
    {
      onRequest: requirePermission('connections.manage'),
      schema: {
        tags,
        summary: 'Create a simulated WeChat user',
        params: slugParams,
        body: newCustomerSchema,
        response: { 201: sandboxCustomerSchema, ...proxyErrors },
      },
    },
    async (request, reply) => {
      const customer = await forward(request, sandboxCustomerSchema, () => ({
        method: 'POST',
        path: '/sandbox/customers',
        body: request.body,
        timeoutMs: readTimeoutMs,
      }));
      return reply.status(201).send(customer);
    },
  );

  app.get(
    `${base}/customers/:customer`,
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'One simulated WeChat user',
        params: customerParams,
        response: { 200: sandboxCustomerSchema, ...proxyErrors },
      },
    },
    (request) =>
      forward(request, sandboxCustomerSchema, () => get(customerPath(request.params.customer))),
  );

  app.get(
    `${base}/customers/:customer/messages`,
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'Every message the simulated user received, oldest first',
        params: customerParams,
        querystring: messagesQuery,
        response: { 200: messageListSchema, ...proxyErrors },
      },
    },
    (request) =>
      forward(request, messageListSchema, () =>
        get(`${customerPath(request.params.customer)}/messages`, request.query),
      ),
  );

  app.get(
    `${base}/employees`,
    {
      onRequest: requirePermission('workspace.read'),
      schema: {
        tags,
        summary: 'The employees of the simulated corp, with their customer counts',
        params: slugParams,
        response: { 200: employeeListSchema, ...proxyErrors },
      },
    },
    (request) =>
      forward(request, employeeListSchema, (target) =>
        get('/sandbox/employees', { corpid: target.corpId }),
      ),
  );

  registerActions(app, 'customers', customerParams, customerActions, forward);
  registerActions(app, 'employees', employeeParams, employeeActions, forward);
}

/** One POST route per action: `…/sandbox/customers/:customer/add-contact` and so on. */
function registerActions(
  app: HttpServer,
  who: 'customers' | 'employees',
  params: typeof customerParams | typeof employeeParams,
  actions: Record<string, SandboxAction>,
  forward: Forward,
): void {
  const idParam = who === 'customers' ? 'customer' : 'userid';
  for (const [name, action] of Object.entries(actions)) {
    app.post(
      `${base}/${who}/:${idParam}/${name}`,
      {
        onRequest: requirePermission('connections.manage'),
        schema: {
          tags,
          summary: action.summary,
          params,
          body: action.body,
          response: { 200: actionResultSchema, ...proxyErrors },
        },
      },
      (request) => {
        const subject = (request.params as Record<string, string>)[idParam]!;
        return forward(request, actionResultSchema, (target) => ({
          method: 'POST',
          path: `/sandbox/${who}/${encodeURIComponent(subject)}/${name}`,
          query: { wait: 'true' },
          body: { ...(request.body as object), ...scopeOf(action, target) },
          timeoutMs: actionTimeoutMs,
        }));
      },
    );
  }
}

function scopeOf(action: SandboxAction, target: SandboxTarget): Record<string, string> {
  switch (action.scope) {
    case 'corp':
      return { corpid: target.corpId };
    case 'oa':
      return target.oa === null ? {} : { appid: target.oa.app_id };
    case 'none':
      return {};
  }
}
