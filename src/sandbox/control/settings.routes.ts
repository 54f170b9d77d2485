import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import type { SandboxRules } from '../state/rules.js';

const tags = ['settings'];

const windowRule = z.object({ ms: z.number().int().positive(), count: z.number().int().min(0) });

const rules = z.object({
  welcomeCodeTtlMs: z.number().int().positive(),
  tokenTtlSeconds: z.number().int().positive(),
  massSendQuota: z.object({
    period: z.enum(['day', 'week', 'month']),
    limit: z.number().int().min(0).nullable(),
  }),
  groupJoinLimit: z.number().int().positive(),
  groupMaxMembers: z.number().int().positive(),
  oaEventWindow: windowRule,
  oaMessageWindow: windowRule,
  kfWindow: windowRule,
  kfTokenTtlMs: z.number().int().positive(),
  kfEventCodeTtlMs: z.number().int().positive(),
  jsCodeTtlMs: z.number().int().positive(),
  transferDelayMs: z.number().int().min(0),
}) satisfies z.ZodType<SandboxRules>;

const faults = z.object({
  seed: z.string().min(1),
  api: z.array(
    z.object({
      path: z.string().min(1).describe('exact API path, a prefix ending in *, or *'),
      errcode: z.number().int().optional(),
      rate: z.number().min(0).max(1),
      latencyMs: z.number().int().min(0).max(60_000).optional(),
    }),
  ),
  callbacks: z.object({
    duplicateRate: z.number().min(0).max(1),
    reorderRate: z.number().min(0).max(1),
    holdMs: z.number().int().min(0).max(60_000),
  }),
});

/** Platform rules (quotas, windows) and fault injection. */
export function registerSettingsRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/rules',
    { schema: { tags, summary: 'Platform rules the sandbox enforces', response: { 200: rules } } },
    async () => ctx.state.rules,
  );

  app.put(
    '/sandbox/rules',
    {
      schema: {
        tags,
        summary: 'Change some rules (the rest stay)',
        body: rules.partial(),
        response: { 200: rules },
      },
    },
    async (request) => {
      ctx.state.rules = { ...ctx.state.rules, ...request.body };
      ctx.changed();
      return ctx.state.rules;
    },
  );

  app.get(
    '/sandbox/faults',
    { schema: { tags, summary: 'Fault injection settings', response: { 200: faults } } },
    async () => ctx.state.faults,
  );

  app.put(
    '/sandbox/faults',
    {
      schema: {
        tags,
        summary: 'Replace the fault settings; decisions restart from the seed',
        body: faults
          .partial({ seed: true, api: true })
          .extend({ callbacks: faults.shape.callbacks.partial().optional() }),
        response: { 200: faults },
      },
    },
    async (request) => {
      const current = ctx.state.faults;
      ctx.state.faults = {
        seed: request.body.seed ?? current.seed,
        api: request.body.api ?? [],
        callbacks: {
          duplicateRate: 0,
          reorderRate: 0,
          holdMs: current.callbacks.holdMs,
          ...request.body.callbacks,
        },
      };
      ctx.faults.restart();
      ctx.changed();
      return ctx.state.faults;
    },
  );
}
