import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { createPerson } from '../state/identity.js';
import { requireCustomer } from './resolve.js';
import { customerParams, customerView, receivedMessage } from './schemas.js';
import { customerViewOf } from './views.js';

const tags = ['customers'];

/** Simulated WeChat users: create, list, inspect, and read what they received. */
export function registerCustomerRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/customers',
    {
      schema: {
        tags,
        summary: 'List the simulated WeChat users with their identities',
        querystring: z.object({
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ total: z.number().int(), customers: z.array(customerView) }) },
      },
    },
    async (request) => {
      const all = Object.values(ctx.state.users);
      const { offset, limit } = request.query;
      return {
        total: all.length,
        customers: all.slice(offset, offset + limit).map((p) => customerViewOf(ctx, p)),
      };
    },
  );

  app.post(
    '/sandbox/customers',
    {
      schema: {
        tags,
        summary: 'Create a WeChat user (ids are derived from the seed)',
        body: z
          .object({
            nickname: z.string().min(1).max(64).optional(),
            gender: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
            mobile: z
              .string()
              .regex(/^\+?\d{5,20}$/)
              .optional(),
          })
          .default({}),
        response: { 201: customerView },
      },
    },
    async (request, reply) => {
      const person = createPerson(ctx.state, ctx.index, request.body, ctx.now());
      ctx.changed();
      return reply.status(201).send(customerViewOf(ctx, person));
    },
  );

  app.get(
    '/sandbox/customers/:customer',
    {
      schema: {
        tags,
        summary: 'One WeChat user',
        params: customerParams,
        response: { 200: customerView },
      },
    },
    async (request) => customerViewOf(ctx, requireCustomer(ctx, request.params.customer)),
  );

  app.get(
    '/sandbox/customers/:customer/messages',
    {
      schema: {
        tags,
        summary:
          'Every message the person received (welcome, mass send, OA, kf, group, moments), oldest first',
        params: customerParams,
        querystring: z.object({
          channel: z.string().optional(),
          since: z.coerce.number().int().optional().describe('epoch ms'),
        }),
        response: { 200: z.object({ messages: z.array(receivedMessage) }) },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const { channel, since } = request.query;
      const messages = (ctx.state.inbox[person.id] ?? [])
        .filter((m) => channel === undefined || m.channel === channel)
        .filter((m) => since === undefined || m.at >= since)
        .map((m) => ({ ...m, from: m.from as Record<string, string> }));
      return { messages };
    },
  );
}
