import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { seedBulkCustomers } from '../seed/bulk.js';
import { seedDemo } from '../seed/demo.js';
import { createEmptyState } from '../state/state.js';
import { AppError } from '../../platform/http/errors.js';
import { requireCorp } from './resolve.js';
import { corpBody, ok } from './schemas.js';

const tags = ['sandbox'];

const overview = z.object({
  seed: z.string(),
  publicUrl: z.string(),
  corps: z.array(
    z.object({
      corpid: z.string(),
      name: z.string(),
      apps: z.array(
        z.object({ agentid: z.number(), name: z.string(), kind: z.string(), secret: z.string() }),
      ),
      callback: z.object({ token: z.string(), encodingAesKey: z.string() }),
      employees: z.number(),
      follows: z.number(),
      groups: z.number(),
      contactWays: z.number(),
      kfAccounts: z.array(z.string()),
    }),
  ),
  officialAccounts: z.array(
    z.object({
      appid: z.string(),
      originalId: z.string(),
      name: z.string(),
      secret: z.string(),
      token: z.string(),
      encodingAesKey: z.string(),
      encryptMode: z.string(),
      followers: z.number(),
    }),
  ),
  miniPrograms: z.array(z.object({ appid: z.string(), name: z.string(), secret: z.string() })),
  customers: z.number(),
  receivers: z.array(z.string()),
  deliveries: z.record(z.string(), z.number()),
});

/** State overview (with the credentials to configure Siyu), reset and demo seeding. */
export function registerAdminRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/state',
    {
      schema: {
        tags,
        summary: 'Overview: corps, apps and their credentials, counts, receivers',
        response: { 200: overview },
      },
    },
    async () => {
      const s = ctx.state;
      const deliveries: Record<string, number> = { total: s.deliveries.length };
      for (const d of s.deliveries) deliveries[d.status] = (deliveries[d.status] ?? 0) + 1;
      return {
        seed: s.seed,
        publicUrl: ctx.publicUrl,
        corps: Object.values(s.corps).map((c) => ({
          corpid: c.corpid,
          name: c.name,
          apps: c.apps,
          callback: c.callback,
          employees: Object.keys(c.employees).length,
          follows: Object.values(c.follows).reduce(
            (n, byUser) => n + Object.keys(byUser).length,
            0,
          ),
          groups: Object.values(c.groups).filter((g) => !g.dismissed).length,
          contactWays: Object.keys(c.contactWays).length,
          kfAccounts: Object.keys(c.kf.accounts),
        })),
        officialAccounts: Object.values(s.officialAccounts).map((oa) => ({
          ...oa,
          followers: Object.values(oa.followers).filter((f) => f.subscribed).length,
        })),
        miniPrograms: Object.values(s.miniPrograms),
        customers: Object.keys(s.users).length,
        receivers: Object.keys(s.receivers),
        deliveries,
      };
    },
  );

  app.post(
    '/sandbox/reset',
    {
      schema: {
        tags,
        summary: 'Forget everything; start again empty or with the demo world (receivers are kept)',
        body: z
          .object({ demo: z.boolean().default(true), seed: z.string().min(1).optional() })
          .default({ demo: true }),
        response: { 200: ok },
      },
    },
    async (request) => {
      const next = createEmptyState(request.body.seed ?? ctx.state.seed);
      next.receivers = ctx.state.receivers;
      if (request.body.demo) seedDemo(next, ctx.now());
      ctx.replaceState(next);
      return { ok: true as const };
    },
  );

  app.post(
    '/sandbox/seed-demo',
    { schema: { tags, summary: 'Add the demo world to an empty sandbox', response: { 200: ok } } },
    async () => {
      if (Object.keys(ctx.state.corps).length > 0)
        throw new AppError(
          'conflict',
          'the sandbox already has a corp; POST /sandbox/reset to start over',
        );
      seedDemo(ctx.state, ctx.now());
      ctx.replaceState(ctx.state);
      return { ok: true as const };
    },
  );

  app.post(
    '/sandbox/seed-customers',
    {
      schema: {
        tags,
        summary:
          'Add many customers at once (imports, benchmarks): each adds an employee (round robin), no callbacks',
        body: z.object({
          ...corpBody,
          customers: z.number().int().min(1).max(500_000),
          employees: z
            .number()
            .int()
            .min(1)
            .max(10_000)
            .default(50)
            .describe('customer-contact employees to spread them over; missing ones are created'),
          sharedEvery: z
            .number()
            .int()
            .min(0)
            .default(0)
            .describe('every n-th customer also adds a second employee (0: never)'),
        }),
        response: {
          200: z.object({
            customers: z.number(),
            follows: z.number(),
            employees: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const { corpid, ...options } = request.body;
      const corp = requireCorp(ctx, corpid);
      const result = seedBulkCustomers(ctx.state, ctx.index, corp, options, ctx.now());
      ctx.changed();
      return result;
    },
  );

  app.patch(
    '/sandbox/official-accounts/:appid',
    {
      schema: {
        tags,
        summary:
          'Change how the Official Account pushes callbacks (plaintext, compatible or safe mode)',
        params: z.object({ appid: z.string() }),
        body: z.object({
          encryptMode: z.enum(['plaintext', 'compatible', 'safe']).optional(),
          unionidBound: z.boolean().optional(),
        }),
        response: { 200: ok },
      },
    },
    async (request) => {
      const oa = ctx.state.officialAccounts[request.params.appid];
      if (!oa)
        throw new AppError('not_found', `Official Account ${request.params.appid} not found`);
      if (request.body.encryptMode) oa.encryptMode = request.body.encryptMode;
      if (request.body.unionidBound !== undefined) oa.unionidBound = request.body.unionidBound;
      ctx.changed();
      return { ok: true as const };
    },
  );
}
