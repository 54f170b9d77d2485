import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { UnparsedBody } from './server.js';
import { errmsgFor, WxError, type Platform } from './wx-error.js';

export type Query = Record<string, string | undefined>;

export interface ApiCall<A, I> {
  ctx: SandboxContext;
  auth: A;
  input: I;
  query: Query;
  request: FastifyRequest;
}

export interface ApiSpec<A, S extends z.ZodType> {
  platform: Platform;
  method: 'GET' | 'POST';
  path: string;
  /** Resolves the caller (access token) or throws a WxError. */
  authenticate: (ctx: SandboxContext, query: Query) => A;
  /** Validates the query string (GET) or the JSON body (POST). */
  input: S;
  /** Prepend `{"errcode":0,"errmsg":"ok"}` to the handler's result (WeCom always does). */
  envelope: boolean;
  handler: (
    call: ApiCall<A, z.infer<S>>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

function flatQuery(raw: unknown): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    out[key] = Array.isArray(value)
      ? String(value[0])
      : value === undefined
        ? undefined
        : String(value);
  }
  return out;
}

type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * A few paths exist on both platforms (`/cgi-bin/user/get`, `/cgi-bin/menu/create`): both are
 * registered once and each call is dispatched on whose access token it carries.
 */
const sharedPaths = new WeakMap<
  object,
  Map<string, { platform: Platform; handler: RouteHandler }[]>
>();

function mount(
  app: HttpServer,
  ctx: SandboxContext,
  method: 'GET' | 'POST',
  path: string,
  platform: Platform,
  handler: RouteHandler,
): void {
  let routes = sharedPaths.get(app);
  if (!routes) sharedPaths.set(app, (routes = new Map()));
  const key = `${method} ${path}`;
  const existing = routes.get(key);
  if (existing) {
    existing.push({ platform, handler });
    return;
  }
  const candidates = [{ platform, handler }];
  routes.set(key, candidates);
  app.route({
    method,
    url: path,
    schema: { hide: true },
    handler: (request, reply) => {
      if (candidates.length === 1) return candidates[0]!.handler(request, reply);
      const token = flatQuery(request.query).access_token;
      const owner = token ? ctx.state.tokens[token]?.owner.kind : undefined;
      const chosen = candidates.find((c) => c.platform === owner) ?? candidates[0]!;
      return chosen.handler(request, reply);
    },
  });
}

/**
 * A WeChat-compatible route: injected faults first (latency, errcode), then the access token,
 * then input validation, then the handler. Failures are answered like the platforms do: HTTP
 * 200 with errcode/errmsg. Every call that reaches the handler marks the state changed.
 */
export function registerApi<A, S extends z.ZodType>(
  app: HttpServer,
  ctx: SandboxContext,
  spec: ApiSpec<A, S>,
): void {
  const badInput = spec.platform === 'wecom' ? 40058 : 40035;
  mount(app, ctx, spec.method, spec.path, spec.platform, async (request, reply) => {
    const query = flatQuery(request.query);
    try {
      const fault = ctx.faults.forApiCall(spec.path);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.errcode !== null) throw new WxError(fault.errcode, 'injected fault');
      const auth = spec.authenticate(ctx, query);
      const raw = spec.method === 'GET' ? query : (request.body ?? {});
      if (raw instanceof UnparsedBody) throw new WxError(47001);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) throw new WxError(badInput, firstIssue(parsed.error));
      const result = await spec.handler({ ctx, auth, input: parsed.data, query, request });
      ctx.changed();
      return reply.send(spec.envelope ? { errcode: 0, errmsg: 'ok', ...result } : result);
    } catch (error) {
      if (!(error instanceof WxError)) throw error;
      const errmsg = errmsgFor(spec.platform, error, {
        nowMs: ctx.now(),
        ip: request.ip,
        random: randomBytes(16),
      });
      return reply.send({ errcode: error.errcode, errmsg });
    }
  });
}
